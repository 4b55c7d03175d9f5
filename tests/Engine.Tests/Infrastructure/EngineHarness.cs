using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;

namespace TieredFs.Engine.Tests.Infrastructure;

/// <summary>
/// A tiering engine wired to an <see cref="InMemoryTiers"/> and a <see cref="ManualClock"/>, with
/// the little a test needs to drive it as a volume or the simulator would: report accesses at
/// given µs (served by whatever tier holds the extent now, at that tier's latency) and run one
/// round per second of clock.
/// </summary>
public sealed class EngineHarness
{
    public const double RoundUs = 1_000_000;
    public const long MiB = 1 << 20;

    public EngineHarness(PolicySet policies, long[] capacityExtents, EngineOptions? options = null,
        double[]? latencyUs = null, long extentBytes = MiB)
    {
        Clock = new ManualClock();
        Tiers = new InMemoryTiers(extentBytes, capacityExtents, Clock);
        LatencyUs = latencyUs ?? DefaultLatencies(capacityExtents.Length);
        if (LatencyUs.Length != capacityExtents.Length) throw new ArgumentException("one latency per tier");
        Engine = new TieringEngine(policies, Tiers, Clock, options);
    }

    /// <summary>The simulator's and a typical mount's watermarks: 0.95 high, 0.85 low.</summary>
    public EngineHarness WithRealisticWatermarks()
    {
        Tiers.HighWatermark = 0.95;
        Tiers.LowWatermark = 0.85;
        return this;
    }

    public ManualClock Clock { get; }

    public InMemoryTiers Tiers { get; }

    public TieringEngine Engine { get; }

    /// <summary>Latency of one access served by each tier (µs), fastest first.</summary>
    public double[] LatencyUs { get; }

    public EngineStats Stats => Engine.Stats;

    /// <summary>Start of the round in progress: accesses reported now belong to [Now, Now + 1 s).</summary>
    public double Now => Clock.NowUs;

    public static double[] DefaultLatencies(int tiers) => tiers switch
    {
        1 => [10],
        2 => [10, 100],
        3 => [10, 100, 1000],
        _ => Enumerable.Range(0, tiers).Select(t => 10 * Math.Pow(10, t)).ToArray(),
    };

    /// <summary>A policy from the registry, as a volume with <paramref name="tiers"/> tiers would create it.</summary>
    public static PolicySet Policy(string name, int tiers, ulong seed = 1, long extentBytes = MiB) =>
        PolicyRegistry.CreateDefault().Create(name, new PolicyContext(tiers, extentBytes, seed));

    /// <summary>Extent <paramref name="index"/> of file 1 (tests that do not care about files).</summary>
    public static ExtentId E(long index) => ExtentId.Of(1, index);

    public void Access(ExtentId id, double atUs, bool isWrite = false, int bytes = 4096, double? latencyUs = null)
    {
        int tier = Tiers.TierOf(id);
        if (tier < 0) throw new InvalidOperationException($"{id} does not exist");
        if (atUs > Clock.NowUs + RoundUs) throw new InvalidOperationException("access after the next round");
        Engine.RecordAccess(new EngineAccess(id, tier, isWrite, bytes, latencyUs ?? LatencyUs[tier], atUs));
    }

    /// <summary>One access in the round in progress, <paramref name="offsetUs"/> after it started.</summary>
    public void AccessNow(ExtentId id, double offsetUs = 100_000) => Access(id, Now + offsetUs);

    /// <summary>Advances the clock by one round (1 s) and runs the engine's round; returns the moves it made.</summary>
    public int RunRound()
    {
        Clock.Advance(RoundUs);
        return Engine.RunRound();
    }

    /// <summary>Moves carried out since <paramref name="sequence"/> (inclusive).</summary>
    public IEnumerable<MoveRecord> MovesSince(int sequence) => Tiers.Moves.Skip(sequence);

    public IEnumerable<MoveRecord> MovesOf(ExtentId id) => Tiers.Moves.Where(m => m.Id == id);
}
