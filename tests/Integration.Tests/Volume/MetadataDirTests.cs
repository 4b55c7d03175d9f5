using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>volume.metadata_dir: default "&lt;first tier path&gt;/meta", or where the config says; survives restarts.</summary>
public sealed class MetadataDirTests : VolumeTestBase
{
    private static VolumeSpec Spec => new() { ExtentSize = 64 * KiB, Tiers = [new TierSpec("fast", MiB), new TierSpec("slow")] };

    [Fact]
    public void Default_IsMetaUnderFirstTier()
    {
        using var v = TestVolume.Mount(Spec, "meta-default");
        File.WriteAllText(v.P("f"), "x");
        v.Remount();
        var meta = Path.Combine(v.TierPaths["fast"], "meta");
        Assert.True(Directory.Exists(meta), $"{meta} does not exist");
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(meta));
        Assert.False(Directory.Exists(Path.Combine(v.TierPaths["slow"], "meta")), "metadata also written to the slow tier");
    }

    [Fact]
    public void Configured_IsUsedInstead_AndSurvivesRestart()
    {
        using var v = TestVolume.Mount(Spec with { MetadataDir = "custom-meta" }, "meta-custom");
        File.WriteAllText(v.P("f"), "content");
        v.Remount();
        Assert.Equal("content", File.ReadAllText(v.P("f")));
        var meta = Path.Combine(v.BaseDir, "custom-meta");
        Assert.True(Directory.Exists(meta), $"{meta} does not exist");
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(meta));
        Assert.False(Directory.Exists(Path.Combine(v.TierPaths["fast"], "meta")), "default metadata dir used despite metadata_dir");
    }
}
