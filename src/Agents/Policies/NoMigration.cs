using TieredFs.Agents.Abstractions;

namespace TieredFs.Agents.Policies;

/// <summary>Never moves anything: extents stay where placement put them (or evictions pushed them).</summary>
public sealed class NoMigration : IMigrationPolicy
{
    public string Name => "none";
    public int MaxCandidates => 0;

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions) => 0;
}
