using Microsoft.Data.Sqlite;
using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>
/// Bytes a file never acknowledged, or bytes of a deleted file whose inode number comes back, are never readable;
/// and what crashes leave in the tiers' data files is reclaimed at the next mount (issue 10, findings 1 and 4).
/// </summary>
public sealed class StaleBytesTests : VolumeTestBase
{
    private static VolumeSpec MiBExtents => new() { ExtentSize = MiB, Tiers = [new TierSpec("fast", 64 * MiB), new TierSpec("slow")] };

    private static VolumeSpec SmallExtents => new() { ExtentSize = 64 * KiB, Tiers = [new TierSpec("fast", MiB), new TierSpec("slow")] };

    [Fact]
    public void UnacknowledgedBytesOfAKilledDaemon_NeverComeBack()
    {
        // Finding 1, exactly: 2 MiB of 0xAB without fsync, SIGKILL, remount, pwrite("X", 0) + ftruncate(2 MiB).
        using var v = TestVolume.Mount(MiBExtents, "stale-kill");
        string name;
        ulong ino;
        for (var attempt = 0; ; attempt++)
        {
            name = $"f{attempt}";
            var fd = Native.Open(v.P(name), Native.O_RDWR | Native.O_CREAT);
            ino = Native.Fstat(fd).Ino;
            Native.PWriteAll(fd, Filled(2 * MiB, 0xAB), 0);
            // No fsync and no close (close commits the size): the kill has to beat the 1 s metadata flush.
            v.Kill();
            CloseOnDeadMount(fd);
            v.Start();
            if (Native.Stat(v.P(name)).Size == 0) break;
            Assert.True(attempt < 4, "the metadata flush beat SIGKILL five times in a row: the scenario never happened");
        }
        Assert.Equal(0, TierDataFiles.DataBytes(v.DataFilePath("fast", ino))); // reclaimed at mount (finding 4)

        using var file = Native.Open(v.P(name), Native.O_RDWR);
        Native.PWriteAll(file, "X"u8, 0);
        Native.Ftruncate(file, 2 * MiB);
        var back = ReadAll(file, 2 * MiB);
        Assert.Equal((byte)'X', back[0]);
        AssertZerosFrom(back, 1);
    }

    [Fact]
    public void ADeletedFilesInodeNumberComingBack_ExposesNothing()
    {
        using var v = TestVolume.Mount(MiBExtents, "stale-reuse");
        WriteDurably(v.P("old"), Filled(2 * MiB, 0xAB));
        var ino = Native.Stat(v.P("old")).Ino;
        var leftover = File.ReadAllBytes(v.DataFilePath("fast", ino));
        Native.Unlink(v.P("old"));
        Assert.Equal(0, v.Stop());

        // A power loss can lose the commits of "old" while its data reached the disk: the inode number is handed
        // out again and a data file under it still holds the old bytes.
        RewindInodeNumbers(v, ino - 1);
        File.WriteAllBytes(v.DataFilePath("fast", ino), leftover);
        v.Start();

        using var fd = Native.Open(v.P("new"), Native.O_RDWR | Native.O_CREAT);
        Assert.Equal(ino, Native.Fstat(fd).Ino);
        Native.PWriteAll(fd, "X"u8, 0);
        Native.Ftruncate(fd, 2 * MiB);
        var back = ReadAll(fd, 2 * MiB);
        Assert.Equal((byte)'X', back[0]);
        AssertZerosFrom(back, 1);
    }

    [Fact]
    public void AStaleDataFileUnderTheNextInodeNumber_IsNeverReadByTheRunningDaemon()
    {
        // Planted while the daemon runs, so no scrub at mount can help: the data path itself must not show it.
        using var v = TestVolume.Mount(MiBExtents, "stale-next");
        using (Native.Open(v.P("a"), Native.O_WRONLY | Native.O_CREAT)) { }
        var next = Native.Stat(v.P("a")).Ino + 1;
        TierDataFiles.Plant(v.DataFilePath("fast", next), 0, (int)(3 * MiB), 0xAB);

        using var fd = Native.Open(v.P("b"), Native.O_RDWR | Native.O_CREAT);
        Assert.Equal(next, Native.Fstat(fd).Ino);
        Native.PWriteAll(fd, "X"u8, 0);
        Native.Ftruncate(fd, 2 * MiB);      // grows over the rest of extent 0 and over extent 1
        Native.PWriteAll(fd, "Y"u8, 3 * MiB - 1); // a write past the end: extent 2 is new
        var back = ReadAll(fd, 3 * MiB);
        Assert.Equal((byte)'X', back[0]);
        Assert.Equal((byte)'Y', back[^1]);
        AssertZerosFrom(back.AsSpan(0, back.Length - 1).ToArray(), 1);
    }

    [Fact]
    public void ALeftoverDataFileOfAnUnknownInode_IsRemovedAtMount()
    {
        using var v = TestVolume.Mount(SmallExtents, "stale-unknown");
        var data = Random(300 * KiB, 1);
        WriteDurably(v.P("f"), data);
        var ino = Native.Stat(v.P("f")).Ino;
        Assert.Equal(0, v.Stop());
        var stray = v.DataFilePath("slow", ino + 500);
        TierDataFiles.Plant(stray, 0, (int)(256 * KiB), 0xAB);

        v.Start();

        Assert.False(File.Exists(stray), $"{stray} belongs to no file and survived the mount");
        AssertFileEquals(data, v.P("f"));
        LayoutVerifier.Verify(v, v.P("f"), data);
    }

    [Fact]
    public void UnreferencedExtentRanges_ArePunchedAtMount()
    {
        var e = SmallExtents.ExtentSize;
        using var v = TestVolume.Mount(SmallExtents, "stale-punch");
        var data = Random(4 * e + 4096, 2); // five extents, all on the fast tier; the last holds one block
        WriteDurably(v.P("f"), data);
        var ino = Native.Stat(v.P("f")).Ino;
        Assert.Equal(0, v.Stop());
        var fast = v.DataFilePath("fast", ino);
        var slow = v.DataFilePath("slow", ino);
        TierDataFiles.Plant(fast, 10 * e, (int)e, 0xAB);                 // an extent the map never got
        TierDataFiles.Plant(fast, 4 * e + 4096, (int)e - 4096, 0xAB);    // past the committed end
        TierDataFiles.Plant(slow, 0, (int)(2 * e), 0xAB);                // extents 0 and 1 live on fast
        var fastBlocksBefore = Native.Stat(fast).Blocks;

        v.Start();

        Assert.True(LayoutVerifier.IsHole(fast, 10 * e, e), "the unreferenced extent on the fast tier still holds data");
        Assert.True(LayoutVerifier.IsHole(fast, 4 * e + 4096, e - 4096), "bytes past the committed size still hold data");
        Assert.True(LayoutVerifier.IsHole(slow, 0, 2 * e), "the copy on the slow tier still holds data");
        Assert.Equal(0, Native.Stat(slow).Blocks);
        var freed = (fastBlocksBefore - Native.Stat(fast).Blocks) * 512;
        Assert.True(freed >= 2 * e - 4096, $"only {freed} bytes freed on the fast tier, expected {2 * e - 4096}");
        AssertFileEquals(data, v.P("f"));
        LayoutVerifier.Verify(v, v.P("f"), data);
    }

    [Fact]
    public void RepeatedKillsDuringWrites_LeaveNoUnreferencedDataAfterRemount()
    {
        // Finding 4: crash cycles leaked extents of data nobody references; after a mount there must be none.
        using var v = TestVolume.Mount(SmallExtents, "stale-leak");
        var n = 0;
        for (var cycle = 0; cycle < 3; cycle++)
        {
            using var stop = new CancellationTokenSource();
            var writer = new Thread(() =>
            {
                // Descriptors stay open (a close commits the size), so only the 1 s metadata flush commits
                // these writes: whatever the last second wrote is unacknowledged when the kill comes.
                var open = new List<Fd>();
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var id = Interlocked.Increment(ref n);
                        var fd = Native.Open(v.P($"c{cycle}-f{id}"), Native.O_RDWR | Native.O_CREAT);
                        open.Add(fd);
                        var size = id % 7 * 45 * KiB + id;
                        Native.PWriteAll(fd, Random(size, id), 0);
                        if (id % 3 == 0) Native.Fsync(fd);
                        if (id % 4 == 0) Native.Ftruncate(fd, size / 2);
                        if (id % 5 == 0) Native.Unlink(v.P($"c{cycle}-f{id}"));
                    }
                }
                catch (Exception e) when (e is ErrnoException or IOException)
                {
                    // the daemon died under us: expected
                }
                foreach (var fd in open) CloseOnDeadMount(fd);
            });
            int before = Volatile.Read(ref n);
            writer.Start();
            // Kill mid-write: once this cycle's writer has started a few files (a loaded machine may
            // take long to get there), then after a delay that differs per cycle.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (Volatile.Read(ref n) - before < 3 && DateTime.UtcNow < deadline) Thread.Sleep(10);
            Assert.True(Volatile.Read(ref n) - before >= 3, $"cycle {cycle}: the writer started no files within 60 s");
            Thread.Sleep(200 + cycle * 300);
            v.Kill();
            stop.Cancel();
            Assert.True(writer.Join(TimeSpan.FromSeconds(30)), "writer thread stuck after the daemon was killed");
            v.Start();
        }
        Assert.True(n > 5, $"only {n} files were started; the test did not exercise anything");
        AssertNoUnreferencedData(v);
    }

    /// <summary>
    /// Every data file belongs to a file on the mount and holds data only in extents inspect places on its tier,
    /// below the file's size (to the 4 KiB block: a partial last block is data as a whole).
    /// </summary>
    private static void AssertNoUnreferencedData(TestVolume v)
    {
        var files = new Dictionary<ulong, (long Size, HashSet<(long, string)> Extents)>();
        foreach (var entry in Native.ReadDir(v.Path))
        {
            var path = NativePath.Combine(v.Path, entry.Name);
            var st = Native.Lstat(path);
            if (!st.IsRegular) continue;
            var placements = ExtentMap.ParseXattr(System.Text.Encoding.UTF8.GetString(Native.GetXattr(path, "user.tieredfs.extents")));
            files[st.Ino] = (st.Size, placements.Select(p => (p.Index, p.Tier)).ToHashSet());
        }
        var e = v.Spec.ExtentSize;
        var leaks = new List<string>();
        foreach (var (tier, ino, path) in TierDataFiles.All(v))
        {
            if (!files.TryGetValue(ino, out var file))
            {
                leaks.Add($"{path}: data file of no file ({TierDataFiles.DataBytes(path)} bytes of data)");
                continue;
            }
            foreach (var (start, end) in TierDataFiles.Regions(path))
            {
                for (var block = start / 4096 * 4096; block < end; block += 4096)
                {
                    if (block < file.Size && file.Extents.Contains((block / e, tier))) continue;
                    leaks.Add($"{path}: data at {block} (extent {block / e}, size {file.Size}, extent on '{tier}': {file.Extents.Contains((block / e, tier))})");
                    break;
                }
            }
        }
        Assert.True(leaks.Count == 0, $"{leaks.Count} unreferenced data ranges after remount:\n{string.Join("\n", leaks.Take(20))}\n{v}");
    }

    /// <summary>Makes the metadata hand out inode numbers after <paramref name="last"/> again (daemon stopped).</summary>
    private static void RewindInodeNumbers(TestVolume v, ulong last)
    {
        var db = Path.Combine(v.TierPaths["fast"], "meta", "tieredfs.db");
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE sqlite_sequence SET seq = $s WHERE name = 'inodes'";
        cmd.Parameters.AddWithValue("$s", (long)last);
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    private static byte[] Filled(long length, byte value)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }

    private static byte[] ReadAll(Fd fd, long length)
    {
        var back = new byte[length];
        Assert.Equal(back.Length, Native.PReadAll(fd, back, 0));
        return back;
    }

    /// <summary>close(2) of a descriptor whose daemon is gone: the kernel frees it whatever the answer.</summary>
    private static void CloseOnDeadMount(Fd fd)
    {
        try
        {
            fd.Dispose();
        }
        catch (ErrnoException)
        {
            // ENOTCONN from the dead connection's FLUSH: the descriptor is closed all the same.
        }
    }

    private static void AssertZerosFrom(byte[] data, int from)
    {
        var rest = data.AsSpan(from);
        var first = rest.IndexOfAnyExcept((byte)0);
        if (first < 0) return;
        Assert.Fail($"{rest.Length - rest.Count((byte)0)} bytes past offset {from} are not zero " +
                    $"(first at {from + first}: 0x{data[from + first]:X2}); stale bytes came back");
    }
}
