using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>setxattr / getxattr / listxattr / removexattr in the user namespace.</summary>
public abstract class XattrTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void SetGet_BinaryValueWithNuls()
    {
        WriteFile(P("f"), "x"u8);
        byte[] value = [0, 1, 2, 0, 255, 254, (byte)'a', 0];
        Native.SetXattr(P("f"), "user.bin", value);
        Assert.Equal(value, Native.GetXattr(P("f"), "user.bin"));
    }

    [Fact]
    public void EmptyValue_IsDistinctFromMissing()
    {
        WriteFile(P("f"), "x"u8);
        Native.SetXattr(P("f"), "user.empty", []);
        Assert.Empty(Native.GetXattr(P("f"), "user.empty"));
        AssertErrno(Errno.ENODATA, () => Native.GetXattr(P("f"), "user.missing"));
    }

    [Fact]
    public void List_ContainsAllSetNames()
    {
        WriteFile(P("f"), "x"u8);
        for (var i = 0; i < 10; i++) Native.SetXattr(P("f"), $"user.k{i}", [(byte)i]);
        var names = Native.ListXattr(P("f"));
        for (var i = 0; i < 10; i++) Assert.Contains($"user.k{i}", names);
    }

    [Fact]
    public void Remove_ThenGetIsENODATA_AndRemoveMissingIsENODATA()
    {
        WriteFile(P("f"), "x"u8);
        Native.SetXattr(P("f"), "user.a", "1"u8);
        Native.RemoveXattr(P("f"), "user.a");
        AssertErrno(Errno.ENODATA, () => Native.GetXattr(P("f"), "user.a"));
        Assert.DoesNotContain("user.a", Native.ListXattr(P("f")));
        AssertErrno(Errno.ENODATA, () => Native.RemoveXattr(P("f"), "user.a"));
    }

    [Fact]
    public void CreateFlag_OnExisting_IsEEXIST()
    {
        WriteFile(P("f"), "x"u8);
        Native.SetXattr(P("f"), "user.a", "1"u8, Native.XATTR_CREATE);
        AssertErrno(Errno.EEXIST, () => Native.SetXattr(P("f"), "user.a", "2"u8, Native.XATTR_CREATE));
        Assert.Equal("1"u8.ToArray(), Native.GetXattr(P("f"), "user.a"));
    }

    [Fact]
    public void ReplaceFlag_OnMissing_IsENODATA_OnExisting_Replaces()
    {
        WriteFile(P("f"), "x"u8);
        AssertErrno(Errno.ENODATA, () => Native.SetXattr(P("f"), "user.a", "1"u8, Native.XATTR_REPLACE));
        Native.SetXattr(P("f"), "user.a", "1"u8);
        Native.SetXattr(P("f"), "user.a", "longer value"u8, Native.XATTR_REPLACE);
        Assert.Equal("longer value"u8.ToArray(), Native.GetXattr(P("f"), "user.a"));
        Native.SetXattr(P("f"), "user.a", "s"u8);
        Assert.Equal("s"u8.ToArray(), Native.GetXattr(P("f"), "user.a")); // shrinking replace
    }

    [Fact]
    public void TooSmallBuffer_IsERANGE_SizeQueryWorks()
    {
        WriteFile(P("f"), "x"u8);
        Native.SetXattr(P("f"), "user.a", "0123456789"u8);
        Assert.Equal(10, Native.GetXattrInto(P("f"), "user.a", 0)); // size query
        AssertErrno(Errno.ERANGE, () => Native.GetXattrInto(P("f"), "user.a", 4));
    }

    [Fact]
    public void LargeValue_3000Bytes()
    {
        // ext4 limits a value to one block (~4 KiB incl. names); 3000 bytes works everywhere.
        WriteFile(P("f"), "x"u8);
        var v = Pattern(3000, 9);
        Native.SetXattr(P("f"), "user.big", v);
        Assert.Equal(v, Native.GetXattr(P("f"), "user.big"));
    }

    [Fact]
    public void OnDirectory_AndSurvivesRename()
    {
        Native.Mkdir(P("d"));
        Native.SetXattr(P("d"), "user.dir", "yes"u8);
        Native.Rename(P("d"), P("d2"));
        Assert.Equal("yes"u8.ToArray(), Native.GetXattr(P("d2"), "user.dir"));
    }

    [Fact]
    public void SharedBetweenHardLinks()
    {
        WriteFile(P("a"), "x"u8);
        Native.Link(P("a"), P("b"));
        Native.SetXattr(P("a"), "user.k", "v"u8);
        Assert.Equal("v"u8.ToArray(), Native.GetXattr(P("b"), "user.k"));
    }

    [Fact]
    public void OnMissingFile_IsENOENT()
    {
        AssertErrno(Errno.ENOENT, () => Native.GetXattr(P("missing"), "user.a"));
        AssertErrno(Errno.ENOENT, () => Native.SetXattr(P("missing"), "user.a", "1"u8));
    }
}

public sealed class NativeDirectoryXattrTests(NativeDirectoryTarget t) : XattrTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedXattrTests(MountedTarget t) : XattrTests(t), IClassFixture<MountedTarget>;
