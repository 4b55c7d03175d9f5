using TieredFs.Integration.Tests.Infrastructure;
using TieredFs.Integration.Tests.Volume;

namespace TieredFs.Integration.Tests.Mount;

public sealed class InspectMountFixture() : MountFixture(new VolumeSpec
{
    ExtentSize = 64 * VolumeSpec.KiB,
    Tiers = [new TierSpec("fast", 64 * VolumeSpec.MiB), new TierSpec("slow")],
}, "inspect");

/// <summary><c>tieredfs inspect</c> (text and --json) and the virtual xattr it is built on.</summary>
public sealed class InspectTests(InspectMountFixture fixture) : VolumeTestBase, IClassFixture<InspectMountFixture>
{
    private readonly TestVolume _v = fixture.Volume;
    private const long E = 64 * KiB;

    private string NewFile(params long[] extents)
    {
        var p = _v.P($"f-{Guid.NewGuid():N}");
        using var fd = Native.Open(p, Native.O_WRONLY | Native.O_CREAT);
        foreach (var i in extents) Native.PWriteAll(fd, Random(100, (int)i), i * E + 7);
        Native.Fsync(fd);
        return p;
    }

    [Fact]
    public void Text_ExtentSizeLine_ThenAllocatedExtentsAscending()
    {
        var p = NewFile(5, 0, 2); // allocation order differs from index order
        var r = _v.InspectText(p);
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(["extent_size 65536", "0 fast", "2 fast", "5 fast"], r.Stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Json_MatchesText()
    {
        var p = NewFile(1, 3);
        var json = _v.Inspect(p);
        Assert.Equal(p, json.Path);
        Assert.Equal(E, json.ExtentSize);
        Assert.Equal([new ExtentPlacement(1, "fast"), new ExtentPlacement(3, "fast")], json.Extents);
        var text = ExtentMap.ParseText(p, _v.InspectText(p).Stdout);
        Assert.Equal(json.Extents, text.Extents);
    }

    [Fact]
    public void Xattr_IsTheSourceOfInspect()
    {
        var p = NewFile(0, 4);
        var raw = System.Text.Encoding.UTF8.GetString(Native.GetXattr(p, "user.tieredfs.extents"));
        Assert.Equal("0 fast\n4 fast\n", raw);
        Assert.Equal(_v.Inspect(p).Extents, ExtentMap.ParseXattr(raw));
    }

    [Fact]
    public void EmptyAndHoleOnlyFiles_HaveNoExtents()
    {
        var empty = NewFile();
        Assert.Empty(_v.Inspect(empty).Extents);
        Native.Truncate(empty, 10 * E); // size without data
        Assert.Empty(_v.Inspect(empty).Extents);
        Assert.Equal(["extent_size 65536"], _v.InspectText(empty).Stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void TruncateAndPunch_ReleaseExtents()
    {
        var p = NewFile(0, 1, 2, 3);
        using (var fd = Native.Open(p, Native.O_RDWR))
        {
            Native.Fallocate(fd, Native.FALLOC_FL_PUNCH_HOLE | Native.FALLOC_FL_KEEP_SIZE, E, E); // whole extent 1
            Native.Ftruncate(fd, 2 * E + 1); // drops extent 3
            Native.Fsync(fd);
        }
        Assert.Equal([0L, 2L], _v.Inspect(p).Extents.Select(e => e.Index));
    }

    [Fact]
    public void Directory_InspectFailsOrHasNoExtents()
    {
        // Not pinned by the contract; only require that it does not crash the daemon or print garbage.
        var d = _v.P($"d-{Guid.NewGuid():N}");
        Native.Mkdir(d);
        var r = _v.InspectText(d);
        if (r.ExitCode == 0) Assert.StartsWith("extent_size ", r.Stdout);
        Assert.Equal(1ul, Native.Stat(_v.Path).Ino); // still alive
    }
}
