using TieredFs.Agents.Abstractions;

namespace TieredFs.Agents.Bench;

/// <summary>Pre-built inputs so benchmarks time decisions, not input construction.</summary>
public static class AgentFixtures
{
    public const long Extent = 1 << 20;

    public static TierStatus[] Tiers() =>
    [
        new TierStatus(410 * Extent, 380 * Extent, 0.95, 0.85) { Utilization = 0.1 },
        new TierStatus(4200 * Extent, 3000 * Extent, 0.95, 0.85) { Utilization = 0.4 },
    ];

    public static PlacementRequest[] Requests(int n)
    {
        var r = new PlacementRequest[n];
        for (int i = 0; i < n; i++)
            r[i] = new PlacementRequest(i, 4096 << (i % 9), (i & 1) == 0, -1, Extent)
            { AccessCount = i % 23, AccessIntervalUs = (i * 7919) % 100_000, PeriodUs = 2_000 };
        return r;
    }

    public static MigrationCandidate[] Candidates(int n)
    {
        var c = new MigrationCandidate[n];
        for (int i = 0; i < n; i++)
            c[i] = new MigrationCandidate(i, i < n / 2 ? 1 : 0, i < n / 2 ? CandidateKind.HotOnSlow : CandidateKind.ColdOnFast,
                i % 19, (i * 131) % 50_000, (i * 977) % 80_000, i % 3 == 0 ? 1_000 : double.MaxValue, Extent);
        return c;
    }
}
