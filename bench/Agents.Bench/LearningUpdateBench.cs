using BenchmarkDotNet.Attributes;
using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Learning;
using TieredFs.Agents.Policies;

namespace TieredFs.Agents.Bench;

/// <summary>
/// ns per learning update (one Q-learning step from the experience ring) and per feedback
/// event (the O(1) work an access report costs on the I/O path).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class LearningUpdateBench
{
    private const int Batch = 1024;
    private readonly QTable _table = new(11, 2, 0f);
    private readonly Experience[] _experiences = new Experience[Batch];
    private HarmoniaPlacement _placement = null!;
    private AccessEvent[] _events = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new XorShiftRng(3);
        for (int i = 0; i < Batch; i++)
            _experiences[i] = new Experience(rng.NextInt(2048), rng.NextInt(4), (float)rng.NextDouble(), (i & 1) == 0 ? -1 : rng.NextInt(2048), 0b11);
        _placement = new HarmoniaPlacement(2, new TierPressure(), 1);
        var tiers = AgentFixtures.Tiers();
        foreach (PlacementRequest r in AgentFixtures.Requests(256)) _placement.ChooseTier(r, tiers);
        _events = new AccessEvent[Batch];
        for (int i = 0; i < Batch; i++) _events[i] = new AccessEvent(i % 512, i & 1, (i & 2) == 0, 4096, (i & 1) == 0 ? 12 : 9_000, 0);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void QLearningUpdate()
    {
        for (int i = 0; i < _experiences.Length; i++) QLearning.Apply(_table, _experiences[i], 0.1f, 0.5f);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void AccessFeedback()
    {
        for (int i = 0; i < _events.Length; i++) _placement.OnAccess(_events[i]);
    }
}
