using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Tools;

/// <summary>
/// Mount for the external tools: 1 MiB extents and a 32 MiB fast tier, so dbench/stress-ng data spills onto the
/// slow tier too. allow_other because some stress-ng stressors drop to another uid.
/// </summary>
public sealed class ToolsMountedTarget : IPosixTarget, IDisposable
{
    private readonly TestVolume _volume = TestVolume.Mount(new VolumeSpec
    {
        ExtentSize = VolumeSpec.MiB,
        Tiers = [new TierSpec("fast", 32 * VolumeSpec.MiB), new TierSpec("slow")],
        MountOptions = ["allow_other"],
    }, "tools");

    public string Root => _volume.Path;
    public TestVolume? Volume => _volume;
    public long ExtentSize => _volume.Spec.ExtentSize;
    public void Dispose() => _volume.Dispose();
}
