using BenchmarkDotNet.Attributes;
using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Policies;

namespace TieredFs.Agents.Bench;

/// <summary>ns per migration decision: one round over 64 candidates, reported per candidate.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class MigrationDecisionBench
{
    private const int Candidates = 64;
    private MigrationCandidate[] _candidates = [];
    private TierStatus[] _tiers = [];
    private readonly MigrationDecision[] _decisions = new MigrationDecision[8];
    private HarmoniaMigration _harmonia = null!;
    private readonly HistoryPageSelection _hps = new();
    private long _round;

    [GlobalSetup]
    public void Setup()
    {
        _candidates = AgentFixtures.Candidates(Candidates);
        _tiers = AgentFixtures.Tiers();
        _harmonia = new HarmoniaMigration(2, new TierPressure(), 1);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Candidates)]
    public int HpsPerCandidate() =>
        _hps.PlanMigrations(new MigrationRound(++_round, 2_000, 8), _candidates, _tiers, _decisions);

    [Benchmark(OperationsPerInvoke = Candidates)]
    public int HarmoniaPerCandidate() =>
        _harmonia.PlanMigrations(new MigrationRound(++_round, 2_000, 8), _candidates, _tiers, _decisions);
}
