using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TieredFs.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>
/// Live tiering on real, really different devices (see <see cref="ThrottledTiers"/>): the fast tier is ext4 on
/// zram, the slow tier ext4 on a loop device whose reads the daemon's blkio cgroup throttles to 200 IOPS (~5 ms a
/// read at saturation). A cold file fills the fast tier, a hot file lands on the slow tier and is read at random
/// by several threads; the policy must promote >= 75 % of it within 45 s (the engine admits an extent after
/// touches in 3 distinct 1 s windows: expect 3-5 s), must not move anything back and forth (an extent that moved is
/// held for 30 s; checked with the move counters of `tieredfs status --json` against the layouts of
/// `tieredfs inspect`), mean read latency must drop at least 2x, and no byte may change. ~10-20 s per policy.
/// </summary>
/// <remarks>
/// Default mount options (no <c>direct_io</c>): what users get. Two caches would hide the slow device, so:
/// <list type="bullet">
/// <item>the test reads the mount with O_DIRECT, so each 4 KiB read is a FUSE READ that reaches the daemon (buffered
/// reads would be answered from the FUSE page cache after the first pass, and the daemon would see little heat);</item>
/// <item>the hot file is 2 MiB, which fits in any page cache, also in the daemon's 128 MiB memory cgroup: the
/// daemon's buffered reads of the slow tier's data file would soon all be page-cache hits. A background thread
/// drops that file's page cache (posix_fadvise DONTNEED, every 10 ms), which stands for a hot set larger than the
/// memory the daemon has. (The memory cgroup still bounds the daemon's page cache as in bench/live-tiering.sh.)</item>
/// </list>
/// </remarks>
public sealed class ThrottledTierMigrationTests(ITestOutputHelper output) : VolumeTestBase
{
    private const long Extent = 256 * KiB;
    private const int FastExtents = 16;               // fast tier capacity
    private const double HighWatermark = 0.90, LowWatermark = 0.75; // the daemon's defaults, spelled out
    private const int ColdExtents = FastExtents;       // fills the fast tier, spills onto the slow one
    private const int HotExtents = 8;
    private const int HotNeededOnFast = (HotExtents * 3 + 3) / 4; // >= 75 %
    private const int MoveSlack = 2;
    private const int Readers = 4;
    private const int LatencySamples = 100;
    private static readonly TimeSpan PromotionDeadline = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData("lru")]
    [InlineData("harmonia")]
    public void HotFileOnTheThrottledTier_IsPromotedOnce_AndReadsGetFaster(string policy)
    {
        var spec = new VolumeSpec
        {
            ExtentSize = Extent,
            Tiers = [new TierSpec("fast", FastExtents * Extent, HighWatermark, LowWatermark), new TierSpec("slow")],
            Policy = policy,
        };
        var clock = Stopwatch.StartNew();
        var log = new Timeline(clock);
        using var tiers = ThrottledTiers.Mount(spec, "throttled-" + policy);
        var v = tiers.Volume;
        var cold = Random(ColdExtents * Extent, 21);
        var hot = Random(HotExtents * Extent, 22);
        WriteDurably(v.P("cold"), cold); // fills the fast tier
        WriteDurably(v.P("hot"), hot);   // lands on the slow tier
        log.Add($"mounted on {tiers.FastDevice} + {tiers.SlowDevice} (reads throttled to {tiers.Settings.SlowReadIops} IOPS), files written");

        string Context() =>
            $"policy {policy}\ntimeline:\n{log}\nhot:  {Layout(v, "hot")}\ncold: {Layout(v, "cold")}\n" +
            $"status: {StatusJson(v)}\n{tiers.Describe()}\ndaemon output (tail):\n{Tail(v.Daemon?.Output ?? "", 6000)}";

        var start = Snapshot.Take(v);
        log.Add($"{start}");
        Check(start.Hot.Extents.Count == HotExtents && start.Hot.Extents.All(e => e.Tier == "slow"), () =>
            $"premise: all {HotExtents} extents of the hot file should be on the slow tier after the cold file filled the fast one.\n{Context()}");

        var slowDataFile = v.DataFilePath("slow", Native.Stat(v.P("hot")).Ino);
        using var dropper = new CacheDropper(slowDataFile);
        var deviceReads = tiers.SlowDeviceReads();
        var before = MeanReadLatency(v.P("hot"), hot, seed: 1);
        deviceReads = tiers.SlowDeviceReads() - deviceReads;
        log.Add($"before: mean {Us(before)} per 4 KiB read; {deviceReads} reads reached {tiers.SlowDevice}");

        // Heat: several threads read random 4 KiB blocks of the hot file until most of it is on the fast tier.
        Snapshot now;
        using (var readers = new HotReaders(v.P("hot"), hot, Readers))
        {
            var heatStart = clock.Elapsed;
            while (true)
            {
                Thread.Sleep(PollInterval);
                readers.ThrowIfFailed(Context);
                now = Snapshot.Take(v, consistent: false);
                log.Add($"{now}, {readers.Reads} reads");
                if (now.HotOnFast >= HotNeededOnFast) break;
                if (clock.Elapsed - heatStart > PromotionDeadline)
                    Assert.Fail($"after {PromotionDeadline.TotalSeconds:0} s of random reads only {now.HotOnFast} of {HotExtents} hot extents " +
                                $"are on the fast tier (need {HotNeededOnFast}).\n{Context()}");
            }
            log.Add($"{now.HotOnFast} of {HotExtents} hot extents promoted after {(clock.Elapsed - heatStart).TotalSeconds:0.0} s of reads");

            // No ping-pong: keep reading for a while, then compare the move counters with the layouts.
            var settleEnd = clock.Elapsed + SettleTime;
            while (clock.Elapsed < settleEnd)
            {
                Thread.Sleep(PollInterval);
                readers.ThrowIfFailed(Context);
                now = Snapshot.Take(v, consistent: false);
                log.Add($"{now}, {readers.Reads} reads");
            }
            readers.ThrowIfFailed(Context);
        }
        now = Snapshot.Take(v);
        log.Add($"{now} (readers stopped)");

        Check(now.HotOnFast >= HotNeededOnFast, () =>
            $"the hot file went back to the slow tier while it was still being read ({now.HotOnFast}/{HotExtents} on fast).\n{Context()}");
        // No ping-pong, part 1: each extent moved at most once. Every move since the first snapshot shows as a
        // changed tier, per direction (an extent that went up and down again counts two moves and no change).
        // Before that snapshot nothing was read and the hot file is all on the slow tier: only cold extents can
        // have moved, and only down.
        Check(start.Moves.Promotions == 0, () => $"promotions before anything was read: {start}.\n{Context()}");
        var (up, down) = Snapshot.Changes(start, now);
        long promoted = now.Moves.Promotions - start.Moves.Promotions, demoted = now.Moves.Demotions - start.Moves.Demotions;
        Check(promoted == up && demoted == down, () =>
            $"extents moved back and forth: {promoted} promotions and {demoted} demotions since the first snapshot, " +
            $"but only {up} extents are now on a faster tier and {down} on a slower one.\n{Context()}");
        // Part 2: the total. Only the hot file is read, so only its extents go up, each once; each promotion needs
        // at most one victim, and the migrating policies place new extents up to the fast tier's capacity (not its
        // high watermark) and then drain it to the low watermark: a few more demotions, each of a distinct extent.
        var drain = Math.Max(0, now.Moves.PlacedOnFast - (long)Math.Floor(LowWatermark * FastExtents));
        var maxMoves = HotExtents + (HotExtents + drain) + MoveSlack;
        Check(now.Moves.Promotions <= HotExtents + MoveSlack && now.Moves.Moves <= maxMoves, () =>
            $"too many moves for a hot file of {HotExtents} extents: {now.Moves}; expected at most {HotExtents} (+{MoveSlack}) " +
            $"promotions and {maxMoves} moves in all ({HotExtents} up, {HotExtents} victims, {drain} drained below the " +
            $"low watermark after {now.Moves.PlacedOnFast} placements on the fast tier, {MoveSlack} slack).\n{Context()}");

        var after = MeanReadLatency(v.P("hot"), hot, seed: 2);
        log.Add($"after: mean {Us(after)} per 4 KiB read ({before / after:0.#}x faster)");
        Check(after * 2 <= before, () =>
            $"reads did not get at least 2x faster: mean {Us(before)} before promotion, {Us(after)} after.\n{Context()}");

        dropper.Dispose();
        AssertSameBytes(hot, v.P("hot"), Context);
        AssertSameBytes(cold, v.P("cold"), Context);
        log.Add("bytes identical");
        output.WriteLine($"policy {policy}\n{log}{tiers.Describe()}");
    }

    /// <summary>Assert.True with a lazy message: building the context runs `tieredfs` several times.</summary>
    private static void Check(bool condition, Func<string> message)
    {
        if (!condition) Assert.Fail(message());
    }

    // ---- measurements -----------------------------------------------------------------------------------

    /// <summary>Mean latency of <see cref="LatencySamples"/> O_DIRECT 4 KiB reads at random offsets, one at a time.</summary>
    private static TimeSpan MeanReadLatency(string path, byte[] expected, int seed)
    {
        using var reader = new DirectReader(path);
        var rng = new Random(seed);
        var blocks = expected.Length / DirectReader.Page;
        long ticks = 0;
        for (var i = 0; i < LatencySamples; i++)
        {
            long offset = (long)rng.Next(blocks) * DirectReader.Page;
            var start = Stopwatch.GetTimestamp();
            var got = reader.Read(offset);
            ticks += Stopwatch.GetTimestamp() - start;
            if (!got.SequenceEqual(expected.AsSpan((int)offset, DirectReader.Page)))
                Assert.Fail($"{path}: the 4 KiB block at offset {offset} differs from what was written");
        }
        return Stopwatch.GetElapsedTime(0, ticks / LatencySamples);
    }

    /// <summary>Whole file through O_DIRECT, one extent per read: the bytes the daemon serves, not the page cache's.</summary>
    private static void AssertSameBytes(byte[] expected, string path, Func<string> context)
    {
        Assert.Equal(expected.Length, Native.Stat(path).Size);
        using var reader = new DirectReader(path, (int)Extent);
        for (long off = 0; off < expected.Length; off += Extent)
        {
            var got = reader.Read(off);
            var want = expected.AsSpan((int)off, (int)Math.Min(Extent, expected.Length - off));
            if (!got.SequenceEqual(want))
                Assert.Fail($"{path}: extent {off / Extent} differs from what was written " +
                            $"(first difference at offset {off + FirstDifference(want, got)}).\n{context()}");
        }
    }

    private static int FirstDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
            if (a[i] != b[i]) return i;
        return n;
    }

    private static string Us(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMicroseconds:0} µs");

    private static string Tail(string s, int n) => s.Length <= n ? s : "...\n" + s[^n..];

    private static string Layout(TestVolume v, string name)
    {
        try
        {
            return LayoutVerifier.Describe(v.Inspect(v.P(name)));
        }
        catch (Exception e)
        {
            return $"(inspect failed: {e.Message})";
        }
    }

    private static string StatusJson(TestVolume v)
    {
        var r = DaemonBinary.Run("status", "--json", v.Path);
        return r.ExitCode == 0 ? r.Stdout.Trim() : $"(status failed: {r.Describe()})";
    }

    /// <summary>
    /// From <c>tieredfs status --json MOUNTPOINT</c>: the "migrations" object of the volume, and how many extents
    /// the placement agent put on the fast tier.
    /// </summary>
    private sealed record Migrations(long Promotions, long Demotions, long Done, long Failed, long PlacedOnFast)
    {
        public static Migrations Of(TestVolume v)
        {
            var r = DaemonBinary.Run("status", "--json", v.Path);
            if (r.ExitCode != 0) throw new Xunit.Sdk.XunitException($"tieredfs status --json failed: {r.Describe()}");
            var status = JsonNode.Parse(r.Stdout);
            var m = status?["volume"]?["migrations"]
                    ?? throw new Xunit.Sdk.XunitException($"status --json has no volume.migrations: {r.Stdout}");
            var placement = status["agents"]?.AsArray().FirstOrDefault(a => (string?)a?["role"] == "placement")
                            ?? throw new Xunit.Sdk.XunitException($"status --json has no placement agent: {r.Stdout}");
            return new Migrations((long)m["promotions"]!, (long)m["demotions"]!, (long)m["done"]!, (long)m["failed"]!,
                (long?)placement["decisions_by_tier"]?["fast"] ?? 0);
        }

        public long Moves => Promotions + Demotions;

        public override string ToString() => $"{Promotions} up, {Demotions} down ({Done} done, {Failed} failed)";
    }

    /// <summary>
    /// The move counters and both files' layouts. Consistent: status, inspect, inspect, status again until the
    /// counters did not change in between (a move finishing in between would make the layouts disagree with them).
    /// </summary>
    private sealed record Snapshot(Migrations Moves, ExtentMap Hot, ExtentMap Cold)
    {
        public int HotOnFast => Hot.OnTier("fast").Count();

        public static Snapshot Take(TestVolume v, bool consistent = true)
        {
            for (var attempt = 0; ; attempt++)
            {
                var m = Migrations.Of(v);
                var s = new Snapshot(m, v.Inspect(v.P("hot")), v.Inspect(v.P("cold")));
                if (!consistent || Migrations.Of(v) == m) return s;
                if (attempt == 10) throw new Xunit.Sdk.XunitException($"extents keep moving: no consistent snapshot in 10 attempts ({s})");
            }
        }

        /// <summary>Extents now on a faster / slower tier than in <paramref name="from"/>.</summary>
        public static (int Up, int Down) Changes(Snapshot from, Snapshot to)
        {
            int up = 0, down = 0;
            foreach (var (a, b) in new[] { (from.Hot, to.Hot), (from.Cold, to.Cold) })
                foreach (var e in b.Extents)
                {
                    var was = a.TierOf(e.Index);
                    if (was == "slow" && e.Tier == "fast") up++;
                    if (was == "fast" && e.Tier == "slow") down++;
                }
            return (up, down);
        }

        /// <summary>One letter per extent: F fast, s slow.</summary>
        private static string Compact(ExtentMap m) =>
            string.Concat(m.Extents.OrderBy(e => e.Index).Select(e => e.Tier == "fast" ? 'F' : e.Tier == "slow" ? 's' : '?'));

        public override string ToString() => $"hot {Compact(Hot)} cold {Compact(Cold)} | {Moves}";
    }

    private sealed class Timeline(Stopwatch clock)
    {
        private readonly StringBuilder _sb = new();

        public void Add(string line) =>
            _sb.Append(CultureInfo.InvariantCulture, $"  {clock.Elapsed.TotalSeconds,5:0.0} s  {line}\n");

        public override string ToString() => _sb.ToString();
    }

    /// <summary>
    /// Threads that read random 4 KiB blocks of a file with O_DIRECT and check each against the expected bytes
    /// until disposed, with a ~1 ms pause after each read. Plain threads, not the pool: every read may block for many milliseconds on the throttle.
    /// </summary>
    private sealed class HotReaders : IDisposable
    {
        private readonly Thread[] _threads;
        private volatile bool _stop;
        private long _reads;
        private Exception? _failure;

        public HotReaders(string path, byte[] expected, int threads)
        {
            _threads = new Thread[threads];
            for (var i = 0; i < threads; i++)
            {
                var seed = 100 + i;
                _threads[i] = new Thread(() => Run(path, expected, seed)) { IsBackground = true, Name = $"hot-reader-{i}" };
                _threads[i].Start();
            }
        }

        public long Reads => Interlocked.Read(ref _reads);

        private void Run(string path, byte[] expected, int seed)
        {
            try
            {
                using var reader = new DirectReader(path);
                var rng = new Random(seed);
                var blocks = expected.Length / DirectReader.Page;
                while (!_stop)
                {
                    long offset = (long)rng.Next(blocks) * DirectReader.Page;
                    var got = reader.Read(offset);
                    if (!got.SequenceEqual(expected.AsSpan((int)offset, DirectReader.Page)))
                        throw new InvalidDataException($"{path}: the 4 KiB block at offset {offset} differs from what was written");
                    Interlocked.Increment(ref _reads);
                    // Once promoted, reads take microseconds; without a pause four threads would keep both cores of a
                    // CI machine busy. ~1 ms is plenty of heat (an extent needs a touch per second).
                    Thread.Sleep(1);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
        }

        public void ThrowIfFailed(Func<string> context)
        {
            if (_failure is { } e)
                throw new Xunit.Sdk.XunitException($"a reader of the hot file failed: {e.GetType().Name}: {e.Message}\n{context()}");
        }

        public void Dispose()
        {
            _stop = true;
            foreach (var t in _threads)
                if (!t.Join(TimeSpan.FromSeconds(30)))
                    throw new Xunit.Sdk.XunitException($"{t.Name} did not stop within 30 s (a read hangs?)");
        }
    }

    /// <summary>Drops the page cache of one file every 10 ms until disposed (see the class remarks for why).</summary>
    private sealed class CacheDropper : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public CacheDropper(string file)
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    try
                    {
                        PageCache.Drop(file);
                    }
                    catch (ErrnoException)
                    {
                        // best effort: the next round tries again
                    }
                    Thread.Sleep(10);
                }
            }) { IsBackground = true, Name = "cache-dropper" };
            PageCache.Drop(file);
            _thread.Start();
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
