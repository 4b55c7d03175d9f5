using System.Collections.Concurrent;
using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

public sealed class ConcurrencyMountFixture() : MountFixture(new VolumeSpec
{
    ExtentSize = 64 * VolumeSpec.KiB,
    Tiers = [new TierSpec("fast", 2 * VolumeSpec.MiB), new TierSpec("slow")],
}, "concurrency");

/// <summary>Several threads writing and reading distinct and shared files at once; verified against shadows.</summary>
public sealed class ConcurrencyTests(ConcurrencyMountFixture fixture) : VolumeTestBase, IClassFixture<ConcurrencyMountFixture>
{
    private readonly TestVolume _v = fixture.Volume;
    private const long E = 64 * KiB;

    private string NewDir(string name)
    {
        var d = _v.P($"{name}-{Guid.NewGuid():N}");
        Native.Mkdir(d);
        return d;
    }

    private static void RunThreads(int count, Action<int> body)
    {
        var errors = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try { body(i); }
            catch (Exception e) { errors.Enqueue(e); }
        })).ToList();
        threads.ForEach(t => t.Start());
        foreach (var t in threads)
            Assert.True(t.Join(TimeSpan.FromMinutes(2)), "worker thread hung (deadlock in the daemon?)");
        if (!errors.IsEmpty) throw new AggregateException(errors);
    }

    [Fact]
    public void DistinctFiles_ParallelWritersAndReaders()
    {
        var dir = NewDir("distinct");
        var done = new ConcurrentDictionary<string, byte[]>();
        var writersLeft = 4;
        RunThreads(6, i =>
        {
            if (i < 4)
            {
                // writer: 5 files each, random chunk sizes in random order
                for (var f = 0; f < 5; f++)
                {
                    var rng = new Random(i * 100 + f);
                    var data = Random(rng.Next(1, (int)(E * 6)), i * 100 + f);
                    var path = Path.Combine(dir, $"w{i}-{f}");
                    using (var fd = Native.Open(path, Native.O_RDWR | Native.O_CREAT))
                    {
                        var chunks = new List<(int Off, int Len)>();
                        for (var off = 0; off < data.Length;)
                        {
                            var len = Math.Min(rng.Next(1, (int)E), data.Length - off);
                            chunks.Add((off, len));
                            off += len;
                        }
                        foreach (var (off, len) in chunks.OrderBy(_ => rng.Next()))
                            Native.PWriteAll(fd, data.AsSpan(off, len), off);
                    }
                    done[path] = data;
                }
                Interlocked.Decrement(ref writersLeft);
            }
            else
            {
                // reader: keep re-reading completed files while writers run
                while (Volatile.Read(ref writersLeft) > 0)
                    foreach (var (path, data) in done)
                        AssertFileEquals(data, path);
            }
        });
        Assert.Equal(20, done.Count);
        foreach (var (path, data) in done) AssertFileEquals(data, path);
    }

    [Fact]
    public void SharedFile_DisjointStripes_ConcurrentReaders()
    {
        var path = Path.Combine(NewDir("stripes"), "shared");
        const int stripes = 48;
        var stripe = (int)(E / 2 + 1000); // odd size so stripes straddle extent boundaries
        var expected = Random(stripes * stripe, 9);
        var written = new ConcurrentDictionary<int, bool>();
        using (Native.Open(path, Native.O_WRONLY | Native.O_CREAT)) { }
        var writersLeft = 4;
        RunThreads(6, t =>
        {
            if (t < 4)
            {
                using var fd = Native.Open(path, Native.O_WRONLY);
                for (var s = t; s < stripes; s += 4)
                {
                    Native.PWriteAll(fd, expected.AsSpan(s * stripe, stripe), (long)s * stripe);
                    written[s] = true;
                }
                Interlocked.Decrement(ref writersLeft);
            }
            else
            {
                using var fd = Native.Open(path, Native.O_RDONLY);
                var buf = new byte[stripe];
                while (Volatile.Read(ref writersLeft) > 0)
                    foreach (var s in written.Keys)
                    {
                        var n = Native.PReadAll(fd, buf, (long)s * stripe);
                        Assert.Equal(stripe, n);
                        Assert.True(buf.AsSpan().SequenceEqual(expected.AsSpan(s * stripe, stripe)), $"stripe {s} corrupt while writing");
                    }
            }
        });
        AssertFileEquals(expected, path);
    }

    [Fact]
    public void SharedFile_ConcurrentAppends_RecordsIntact()
    {
        // Each write() of an O_APPEND fd is atomic with respect to other appends: no lost or torn records.
        var path = Path.Combine(NewDir("append"), "log");
        const int recordSize = 1000, perThread = 150;
        RunThreads(4, t =>
        {
            using var fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT | Native.O_APPEND);
            for (var i = 0; i < perThread; i++) Native.Write(fd, Record(t, i, recordSize));
        });
        var all = File.ReadAllBytes(path);
        Assert.Equal(4 * perThread * recordSize, all.Length);
        var seen = new HashSet<(int, int)>();
        for (var off = 0; off < all.Length; off += recordSize)
        {
            var rec = all.AsSpan(off, recordSize);
            int t = rec[0], i = rec[1] | rec[2] << 8;
            Assert.True(rec.SequenceEqual(Record(t, i, recordSize)), $"torn record at offset {off}");
            Assert.True(seen.Add((t, i)), $"duplicate record {t}/{i}");
        }
    }

    private static byte[] Record(int t, int i, int size)
    {
        var r = new byte[size];
        r.AsSpan().Fill((byte)(t * 31 + i));
        r[0] = (byte)t;
        r[1] = (byte)i;
        r[2] = (byte)(i >> 8);
        return r;
    }

    [Fact]
    public void SameDirectory_ParallelCreateRenameUnlink_ListingConsistent()
    {
        var dir = NewDir("ns");
        RunThreads(4, t =>
        {
            for (var i = 0; i < 100; i++)
            {
                var a = Path.Combine(dir, $"t{t}-{i}");
                using (var fd = Native.Open(a, Native.O_WRONLY | Native.O_CREAT)) Native.Write(fd, BitConverter.GetBytes(i));
                Native.Rename(a, a + ".r");
                if (i % 2 == 0) Native.Unlink(a + ".r");
            }
        });
        var names = Native.ReadDir(dir).Select(e => e.NameString).Order().ToList();
        var expected = Enumerable.Range(0, 4).SelectMany(t => Enumerable.Range(0, 100).Where(i => i % 2 == 1).Select(i => $"t{t}-{i}.r")).Order().ToList();
        Assert.Equal(expected, names);
        foreach (var n in names)
            Assert.Equal(int.Parse(n.Split('-')[1].Split('.')[0]), BitConverter.ToInt32(File.ReadAllBytes(Path.Combine(dir, n))));
    }
}
