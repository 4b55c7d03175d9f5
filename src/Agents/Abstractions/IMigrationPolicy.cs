namespace TieredFs.Agents.Abstractions;

/// <summary>
/// Decides which extents move between tiers. The tiering layer calls
/// <see cref="PlanMigrations"/> periodically from a background thread with a bounded set of
/// candidates (hot-on-slow and cold-on-fast extents), then executes the returned decisions in
/// the order returned (so list demotions before the promotions that need their room), skipping
/// any that became stale. A promotion into a tier
/// without room makes the tiering layer evict that tier's least recently used extent first,
/// so policies that care about victims should demote explicitly.
/// Implementations must not allocate per call and must not block.
/// </summary>
public interface IMigrationPolicy
{
    string Name { get; }

    /// <summary>Most candidates this policy wants per round (the caller may pass fewer).</summary>
    int MaxCandidates { get; }

    /// <summary>Writes up to <c>decisions.Length</c> moves; returns how many were written.</summary>
    int PlanMigrations(
        in MigrationRound round,
        ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers,
        Span<MigrationDecision> decisions);
}
