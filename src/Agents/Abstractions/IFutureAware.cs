namespace TieredFs.Agents.Abstractions;

/// <summary>
/// Simulator-only marker for a migration policy that wants, besides the usual candidates, the
/// extents on slower tiers that will be accessed within the next <see cref="LookaheadRequests"/>
/// requests (offered as <see cref="CandidateKind.HotOnSlow"/>). Only the Oracle implements it.
/// </summary>
public interface IFutureAware
{
    int LookaheadRequests { get; }
}
