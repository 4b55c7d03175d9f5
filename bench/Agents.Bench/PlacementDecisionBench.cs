using BenchmarkDotNet.Attributes;
using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Policies;

namespace TieredFs.Agents.Bench;

/// <summary>ns per placement decision (state encoding, ε-greedy argmax, pending-reward record).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PlacementDecisionBench
{
    private const int Batch = 1024;
    private PlacementRequest[] _requests = [];
    private TierStatus[] _tiers = [];
    private HarmoniaPlacement _harmonia = null!;
    private SibylLikePlacement _sibyl = null!;
    private readonly StaticFastestFirst _static = new();

    [GlobalSetup]
    public void Setup()
    {
        _requests = AgentFixtures.Requests(Batch);
        _tiers = AgentFixtures.Tiers();
        _harmonia = new HarmoniaPlacement(2, new TierPressure(), 1);
        _sibyl = new SibylLikePlacement(2, 1);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int StaticFastestFirst()
    {
        int sum = 0;
        for (int i = 0; i < _requests.Length; i++) sum += _static.ChooseTier(_requests[i], _tiers);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int HarmoniaPlacement()
    {
        int sum = 0;
        for (int i = 0; i < _requests.Length; i++) sum += _harmonia.ChooseTier(_requests[i], _tiers);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int SibylPlacement()
    {
        int sum = 0;
        for (int i = 0; i < _requests.Length; i++) sum += _sibyl.ChooseTier(_requests[i], _tiers);
        return sum;
    }
}
