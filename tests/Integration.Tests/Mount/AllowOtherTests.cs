using TieredFs.Integration.Tests.Infrastructure;
using TieredFs.Integration.Tests.Volume;

namespace TieredFs.Integration.Tests.Mount;

/// <summary>
/// Without allow_other the kernel denies every user but the mounter (root here) — even stat of the root.
/// With it, access is decided by the file modes (default_permissions).
/// </summary>
public sealed class AllowOtherTests : VolumeTestBase
{
    private static VolumeSpec Spec(params string[] options) =>
        new() { ExtentSize = 64 * KiB, Tiers = [new TierSpec("fast", MiB), new TierSpec("slow")], MountOptions = options };

    [Fact]
    public void Without_NobodyGetsEACCES_OnTheRoot()
    {
        using var v = TestVolume.Mount(Spec(), "noallow");
        Native.Chmod(v.Path, 0x1ED);
        var r = Nobody.Sh("stat -- \"$1\"", v.Path);
        Assert.True(r.ExitCode != 0 && r.Stderr.Contains("Permission denied"), $"expected EACCES for nobody: {r.Describe()}");
        Native.Stat(v.Path); // root still fine
    }

    [Fact]
    public void With_NobodyCanStatAndReadWorldReadableFiles()
    {
        using var v = TestVolume.Mount(Spec("allow_other"), "allow");
        Native.Chmod(v.Path, 0x1ED);
        File.WriteAllText(v.P("pub"), "visible");
        Native.Chmod(v.P("pub"), 0x1A4);
        Assert.Contains("allow_other", MountTable.At(v.Path).Single().Options.Split(','));
        var r = Nobody.Sh("stat -- \"$1\" >/dev/null && cat -- \"$2\"", v.Path, v.P("pub"));
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("visible", r.Stdout.TrimEnd());
    }
}
