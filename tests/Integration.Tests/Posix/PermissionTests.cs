using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>
/// Permission enforcement seen by another user (uid 65534 via setpriv). On the mount this relies on
/// default_permissions (always on) plus allow_other (set by <see cref="MountedTarget"/>), without which the kernel
/// refuses every access by a non-mounting user.
/// </summary>
public abstract class PermissionTests : PosixTestBase
{
    protected PermissionTests(IPosixTarget target) : base(target)
    {
        // The root must be traversable by nobody; its mode on a fresh mount is the daemon's choice.
        Native.Chmod(target.Root, 0x1ED);
    }

    private static void AssertDenied(ProcessResult r, string expectedMessage = "Permission denied")
    {
        Assert.True(r.ExitCode != 0, $"expected failure as nobody, but it succeeded: {r.Describe()}");
        Assert.True(r.Stderr.Contains(expectedMessage), $"expected '{expectedMessage}': {r.Describe()}");
    }

    private static void AssertAllowed(ProcessResult r) =>
        Assert.True(r.ExitCode == 0, $"expected success as nobody: {r.Describe()}");

    [Fact]
    public void PrivateRootFile_ReadIsEACCES()
    {
        WriteFile(P("secret"), "secret"u8);
        Native.Chmod(P("secret"), 0x180); // 0600 root:root
        AssertDenied(Nobody.Sh("cat -- \"$1\"", P("secret")));
    }

    [Fact]
    public void WorldReadableFile_ReadableButNotWritable()
    {
        WriteFile(P("pub"), "public"u8);
        Native.Chmod(P("pub"), 0x1A4); // 0644
        var r = Nobody.Sh("cat -- \"$1\"", P("pub"));
        AssertAllowed(r);
        Assert.Equal("public", r.Stdout.TrimEnd());
        AssertDenied(Nobody.Sh("echo x >> \"$1\"", P("pub")));
        Assert.Equal("public"u8.ToArray(), ReadAll(P("pub")));
    }

    [Fact]
    public void CreateInRootOwned0755Dir_IsEACCES_In0777Dir_Works()
    {
        Native.Mkdir(P("closed"), 0x1ED);
        Native.Chmod(P("closed"), 0x1ED);
        AssertDenied(Nobody.Sh("touch -- \"$1\"", P("closed/x")));
        Native.Mkdir(P("open"));
        Native.Chmod(P("open"), 0x1FF);
        AssertAllowed(Nobody.Sh("echo hi > \"$1\"", P("open/mine")));
        var st = Native.Stat(P("open/mine"));
        Assert.Equal((uint)Nobody.Uid, st.Uid);
        Assert.Equal((uint)Nobody.Gid, st.Gid);
    }

    [Fact]
    public void PrivateDirectory_ListIsEACCES_TraverseIsEACCES()
    {
        Native.Mkdir(P("priv"), 0x1C0);
        Native.Chmod(P("priv"), 0x1C0); // 0700
        WriteFile(P("priv/f"), "x"u8);
        Native.Chmod(P("priv/f"), 0x1B6); // even a 0666 file is unreachable through a 0700 dir
        AssertDenied(Nobody.Sh("ls -- \"$1\"", P("priv")));
        AssertDenied(Nobody.Sh("cat -- \"$1\"", P("priv/f")));
    }

    [Fact]
    public void ChmodOfSomeoneElsesFile_IsEPERM()
    {
        WriteFile(P("f"), "x"u8);
        Native.Chmod(P("f"), 0x1B6);
        AssertDenied(Nobody.Sh("chmod 777 -- \"$1\"", P("f")), "Operation not permitted");
        Assert.Equal(0x1B6u, Native.Stat(P("f")).Permissions);
    }

    [Fact]
    public void StickyDirectory_OthersCannotDelete()
    {
        Native.Mkdir(P("tmp"));
        Native.Chmod(P("tmp"), 0x3FF); // 01777
        WriteFile(P("tmp/roots"), "x"u8);
        AssertDenied(Nobody.Sh("rm -f -- \"$1\"", P("tmp/roots")), "Operation not permitted");
        Assert.True(Native.Exists(P("tmp/roots")));
    }

    [Fact]
    public void OwnerOfFile_CanChmodAndUnlinkIt()
    {
        Native.Mkdir(P("open"));
        Native.Chmod(P("open"), 0x1FF);
        AssertAllowed(Nobody.Sh("echo x > \"$1\" && chmod 600 -- \"$1\" && cat -- \"$1\" && rm -- \"$1\"", P("open/own")));
    }

    [Fact]
    public void ExecuteBitHonoured()
    {
        WriteFile(P("script"), "#!/bin/sh\necho ran\n"u8);
        Native.Chmod(P("script"), 0x1A4); // 0644: not executable
        AssertDenied(Nobody.Sh("\"$1\"", P("script")));
        Native.Chmod(P("script"), 0x1ED);
        var r = Nobody.Sh("\"$1\"", P("script"));
        AssertAllowed(r);
        Assert.Equal("ran", r.Stdout.TrimEnd());
    }
}

public sealed class NativeDirectoryPermissionTests(NativeDirectoryTarget t) : PermissionTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedPermissionTests(MountedTarget t) : PermissionTests(t), IClassFixture<MountedTarget>;
