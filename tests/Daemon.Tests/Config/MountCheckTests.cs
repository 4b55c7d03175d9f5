using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Tests.Config;

/// <summary>
/// The `mount` keys against real directories and a real tmpfs: a tier whose disk is not mounted,
/// or whose path is on another filesystem, is refused before anything is created.
/// </summary>
public sealed class MountCheckTests : IDisposable
{
    // Disposed in reverse: mounts first, then the directory they sit in.
    private readonly TempDir _tmp = new();
    private readonly List<TmpfsMount> _mounts = [];

    public void Dispose()
    {
        for (int i = _mounts.Count - 1; i >= 0; i--) _mounts[i].Dispose();
        _tmp.Dispose();
    }

    private string MountTmpfs(params string[] parts)
    {
        var mount = new TmpfsMount(_tmp.Combine(parts));
        _mounts.Add(mount);
        return mount.Path;
    }

    /// <summary>Tier "fast" in the temp dir without a mount; tier "slow" at <paramref name="slow"/> on <paramref name="mount"/>.</summary>
    private DaemonConfig Config(string slow, string mount, string volumeExtra = "") => Toml.Parse($"""
        [volume]
        {volumeExtra}
        [[tier]]
        name = "fast"
        path = "{_tmp.Combine("fast")}"
        [[tier]]
        name = "slow"
        path = "{slow}"
        mount = "{mount}"
        """);

    [Fact]
    public void DirectoryThatIsNotAMountpointIsRefusedNamingTheTier()
    {
        var disk = _tmp.Combine("disk");
        Directory.CreateDirectory(disk); // what an unmounted disk leaves behind: an empty directory
        var cfg = Config(Path.Join(disk, "tier"), disk);

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: false));

        Assert.Equal("tier[2].mount", ex.Key);
        Assert.StartsWith($"{disk}: is not a mountpoint (is the disk mounted?); refusing to put tier \"slow\" on the filesystem underneath", ex.Detail);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void RefusalComesBeforeAnyDirectoryIsCreated()
    {
        var disk = _tmp.Combine("disk");
        Directory.CreateDirectory(disk);
        var cfg = Config(Path.Join(disk, "tier"), disk);

        Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: true));

        // Neither the tier on the missing disk nor the other tier and its metadata were created.
        Assert.Equal([disk], Directory.EnumerateFileSystemEntries(_tmp.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(disk));
    }

    [Fact]
    public void MissingMountDirectoryIsRefused()
    {
        var disk = _tmp.Combine("no-such-disk");
        var cfg = Config(Path.Join(disk, "tier"), disk);

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: true));

        Assert.Equal("tier[2].mount", ex.Key);
        Assert.Equal($"{disk}: no such directory, so nothing is mounted there; tier \"slow\" must sit on the filesystem mounted at it", ex.Detail);
        Assert.False(Directory.Exists(disk));
    }

    [Fact]
    public void PathOnAnotherFilesystemIsRefused()
    {
        var disk = MountTmpfs("disk");
        var elsewhere = _tmp.Combine("elsewhere", "tier");
        Directory.CreateDirectory(elsewhere);
        var cfg = Config(elsewhere, disk);

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: true));

        Assert.Equal("tier[2].path", ex.Key);
        Assert.StartsWith($"{elsewhere}: is not on the filesystem mounted at {disk} (tier[2].mount, device ", ex.Detail);
        Assert.EndsWith("; tier \"slow\" would fill the wrong disk", ex.Detail);
    }

    [Fact]
    public void NotYetCreatedPathIsJudgedByItsNearestExistingParent()
    {
        var disk = MountTmpfs("disk");
        var cfg = Config(_tmp.Combine("elsewhere", "a", "b"), disk);

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: true));

        Assert.Equal("tier[2].path", ex.Key);
        Assert.False(Directory.Exists(_tmp.Combine("elsewhere")));
    }

    [Fact]
    public void PathOnAMountNestedInsideTheNamedOneIsRefusedNamingWhereItIs()
    {
        var disk = MountTmpfs("disk");
        var inner = MountTmpfs("disk", "inner");
        var cfg = Config(Path.Join(inner, "tier"), disk);

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: false));

        Assert.Equal("tier[2].path", ex.Key);
        Assert.Contains($", mounted at {inner};", ex.Detail);
    }

    [Fact]
    public void RootAsMountRefusesAPathOnAnotherDisk()
    {
        var disk = MountTmpfs("disk");
        var cfg = Config(Path.Join(disk, "tier"), "/");

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: false));

        Assert.Equal("tier[2].path", ex.Key);
        Assert.Contains($", mounted at {disk};", ex.Detail);
    }

    [Fact]
    public void PathOnTheMountedDiskIsAcceptedAndCreatedThere()
    {
        var disk = MountTmpfs("disk");
        var tier = Path.Join(disk, "tieredfs");
        var cfg = Config(tier, disk);

        ConfigValidator.CheckPaths(cfg, createMissing: false);
        Assert.False(Directory.Exists(tier));

        ConfigValidator.CheckPaths(cfg, createMissing: true);
        Assert.True(Directory.Exists(tier));
        // Created on the tmpfs: it goes away with the mount.
        _mounts[0].Dispose();
        Assert.False(Directory.Exists(tier));
    }

    [Fact]
    public void SymlinksToTheMountAndIntoItAreFollowed()
    {
        var disk = MountTmpfs("disk");
        Directory.CreateDirectory(Path.Join(disk, "real"));
        File.CreateSymbolicLink(_tmp.Combine("disk-link"), disk);
        File.CreateSymbolicLink(_tmp.Combine("tier-link"), Path.Join(disk, "real"));

        ConfigValidator.CheckPaths(Config(_tmp.Combine("tier-link"), _tmp.Combine("disk-link")), createMissing: false);
    }

    [Fact]
    public void MountThroughASymlinkToAPlainDirectoryShowsWhereItLeads()
    {
        var plain = _tmp.Combine("plain");
        Directory.CreateDirectory(plain);
        var link = _tmp.Combine("link");
        File.CreateSymbolicLink(link, plain);

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(Config(Path.Join(link, "t"), link), createMissing: false));

        Assert.Equal("tier[2].mount", ex.Key);
        Assert.StartsWith($"{link} (= {plain}): is not a mountpoint", ex.Detail);
    }

    [Fact]
    public void MetadataMountThatIsNotAMountpointIsRefused()
    {
        var disk = MountTmpfs("disk");
        var plain = _tmp.Combine("plain");
        Directory.CreateDirectory(plain);
        var cfg = Config(Path.Join(disk, "t"), disk,
            $"metadata_dir = \"{Path.Join(plain, "meta")}\"\nmetadata_mount = \"{plain}\"");

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(cfg, createMissing: true));

        Assert.Equal("volume.metadata_mount", ex.Key);
        Assert.Contains("refusing to put the metadata on the filesystem underneath", ex.Detail);
        Assert.False(Directory.Exists(Path.Join(plain, "meta")));
    }

    [Fact]
    public void MetadataDirOffItsMountIsRefusedAndOnItAccepted()
    {
        var disk = MountTmpfs("disk");
        var meta = MountTmpfs("meta");
        var offMount = Config(Path.Join(disk, "t"), disk,
            $"metadata_dir = \"{_tmp.Combine("elsewhere-meta")}\"\nmetadata_mount = \"{meta}\"");
        var onMount = Config(Path.Join(disk, "t"), disk,
            $"metadata_dir = \"{Path.Join(meta, "db")}\"\nmetadata_mount = \"{meta}\"");

        var ex = Assert.Throws<ConfigException>(() => ConfigValidator.CheckPaths(offMount, createMissing: false));
        Assert.Equal("volume.metadata_dir", ex.Key);
        Assert.Contains("(volume.metadata_mount, device ", ex.Detail);

        ConfigValidator.CheckPaths(onMount, createMissing: true);
        Assert.True(Directory.Exists(Path.Join(meta, "db")));
    }
}
