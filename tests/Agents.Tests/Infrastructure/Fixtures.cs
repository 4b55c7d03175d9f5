using TieredFs.Agents.Abstractions;

namespace TieredFs.Agents.Tests.Infrastructure;

/// <summary>Hand-made tier states and candidates for policy tests.</summary>
public static class Fixtures
{
    public const long Extent = 1 << 20;

    public static TierStatus Tier(long capacityExtents, long usedExtents, double high = 0.95, double low = 0.85) =>
        new(capacityExtents * Extent, usedExtents * Extent, high, low);

    /// <summary>The engine's prediction for a candidate of this heat: 2.5 ms saved per unit of heat, a 5 ms move.</summary>
    public const double BenefitPerCountUs = 2_500, MoveUs = 5_000;

    public static MigrationCandidate Hot(long extent, int tier, double count, double ageUs = 10, double intervalUs = 100) =>
        new(extent, tier, CandidateKind.HotOnSlow, count, ageUs, intervalUs, double.MaxValue, Extent)
        {
            BenefitUs = count * BenefitPerCountUs,
            MoveCostUs = MoveUs,
        };

    public static MigrationCandidate Cold(long extent, int tier, double count, double ageUs = 1e7, double intervalUs = 1e6) =>
        new(extent, tier, CandidateKind.ColdOnFast, count, ageUs, intervalUs, double.MaxValue, Extent)
        {
            BenefitUs = -count * BenefitPerCountUs,
            MoveCostUs = MoveUs,
        };

    public static MigrationDecision[] Plan(IMigrationPolicy p, MigrationCandidate[] c, TierStatus[] tiers, int budget = 8)
    {
        var d = new MigrationDecision[budget];
        int n = p.PlanMigrations(new MigrationRound(1, 1000, budget), c, tiers, d);
        return d[..n];
    }
}
