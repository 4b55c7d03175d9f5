using System.Text;
using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>File names are bytes: 255-byte limit, ENAMETOOLONG at 256, non-UTF-8 bytes preserved exactly.</summary>
public abstract class NameTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void Name255Bytes_Works()
    {
        var name = new string('n', 255);
        WriteFile(P(name), "x"u8);
        Assert.Equal("x"u8.ToArray(), ReadAll(P(name)));
        Assert.Equal([name], Native.ReadDir(Dir).Select(e => e.NameString));
        Native.Mkdir(P(new string('d', 255)));
        Native.Rename(P(name), P(new string('r', 255)));
        Native.Unlink(P(new string('r', 255)));
    }

    [Fact]
    public void Name255BytesOfMultibyteUtf8_Works()
    {
        var name = string.Concat(Enumerable.Repeat("€", 85)); // 85 * 3 = 255 bytes
        Assert.Equal(255, Encoding.UTF8.GetByteCount(name));
        WriteFile(P(name), "x"u8);
        Assert.Equal([name], Native.ReadDir(Dir).Select(e => e.NameString));
    }

    [Fact]
    public void Name256Bytes_IsENAMETOOLONG()
    {
        var name = new string('n', 256);
        AssertErrno(Errno.ENAMETOOLONG, () => Native.Open(P(name), Native.O_WRONLY | Native.O_CREAT).Dispose());
        AssertErrno(Errno.ENAMETOOLONG, () => Native.Mkdir(P(name)));
        AssertErrno(Errno.ENAMETOOLONG, () => Native.Stat(P(name)));
        WriteFile(P("ok"), "x"u8);
        AssertErrno(Errno.ENAMETOOLONG, () => Native.Rename(P("ok"), P(name)));
        AssertErrno(Errno.ENAMETOOLONG, () => Native.Symlink("t", P(name)));
        Assert.Equal(["ok"], Native.ReadDir(Dir).Select(e => e.NameString));
    }

    [Fact]
    public void NonUtf8Name_RoundTripsExactBytes()
    {
        byte[] raw = [0xff, 0xfe, (byte)'a', 0x80, 0xc3, (byte)'z', 0x01]; // invalid UTF-8 and a control char
        var path = NativePath.Combine(Dir, raw);
        WriteFile(P("placeholder"), "p"u8); // a valid-UTF-8 sibling in the same listing
        using (var fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT)) Native.Write(fd, "bytes"u8);
        Assert.True(Native.Stat(path).IsRegular);
        var entries = Native.ReadDir(Dir).Select(e => e.Name).ToList();
        Assert.Contains(entries, n => n.AsSpan().SequenceEqual(raw));
        using (var fd = Native.Open(path, Native.O_RDONLY))
        {
            var buf = new byte[5];
            Native.PReadAll(fd, buf, 0);
            Assert.Equal("bytes"u8.ToArray(), buf);
        }
        byte[] raw2 = [0xfe, 0xff];
        Native.Rename(path, NativePath.Combine(Dir, raw2));
        Assert.False(Native.Exists(path));
        Native.Unlink(NativePath.Combine(Dir, raw2));
    }

    [Fact]
    public void NonUtf8DirectoryAndSymlinkTarget()
    {
        byte[] raw = [(byte)'d', 0xe9, 0xff];
        Native.Mkdir(NativePath.Combine(Dir, raw));
        Native.Symlink(raw, P("link"));
        Assert.Equal(raw, Native.ReadlinkBytes(P("link")));
        Assert.True(Native.Stat(P("link")).IsDirectory);
    }

    [Fact]
    public void OddButLegalNames()
    {
        string[] names = [" leading space", "trailing space ", "new\nline", "tab\there", "-dash", "...", "a:b", "quote\"'", "日本語", "back\\slash"];
        foreach (var n in names) WriteFile(P(n), Encoding.UTF8.GetBytes(n));
        var listed = Native.ReadDir(Dir).Select(e => e.NameString).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal).ToArray(), listed);
        foreach (var n in names) Assert.Equal(Encoding.UTF8.GetBytes(n), ReadAll(P(n)));
    }

    [Fact]
    public void CaseSensitive()
    {
        WriteFile(P("Name"), "upper"u8);
        WriteFile(P("name"), "lower"u8);
        Assert.Equal("upper"u8.ToArray(), ReadAll(P("Name")));
        Assert.Equal(2, Native.ReadDir(Dir).Count);
    }
}

public sealed class NativeDirectoryNameTests(NativeDirectoryTarget t) : NameTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedNameTests(MountedTarget t) : NameTests(t), IClassFixture<MountedTarget>;
