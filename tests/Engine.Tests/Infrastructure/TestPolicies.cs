using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;

namespace TieredFs.Engine.Tests.Infrastructure;

/// <summary>
/// Promotes every hot candidate it is offered and ignores <see cref="MigrationRound.MaxMigrations"/>:
/// whatever limits its moves is the engine's doing.
/// </summary>
public sealed class PromoteEveryHotCandidate : IMigrationPolicy
{
    public string Name => "promote-every-hot";
    public int MaxCandidates => 64;

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        int k = 0;
        foreach (ref readonly MigrationCandidate c in candidates)
        {
            if (k >= decisions.Length) break;
            if (c.Kind == CandidateKind.HotOnSlow && c.CurrentTier > 0)
                decisions[k++] = new MigrationDecision(c.ExtentIndex, c.CurrentTier, c.CurrentTier - 1);
        }
        return k;
    }

    public static PolicySet Set() => new("promote-every-hot", new StaticFastestFirst(), new PromoteEveryHotCandidate());
}

/// <summary>Asks to move every candidate one tier <i>down</i>, hot or cold: a policy that would undo every promotion at once.</summary>
public sealed class DemoteEveryCandidate : IMigrationPolicy
{
    public string Name => "demote-every";
    public int MaxCandidates => 64;

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        int k = 0;
        foreach (ref readonly MigrationCandidate c in candidates)
        {
            if (k >= decisions.Length) break;
            if (c.CurrentTier < tiers.Length - 1)
                decisions[k++] = new MigrationDecision(c.ExtentIndex, c.CurrentTier, c.CurrentTier + 1);
        }
        return k;
    }
}

/// <summary>Wraps a migration policy and records every candidate it is offered (round by round).
/// Use only around policies that neither observe accesses nor learn (e.g. lru): it does not forward those.</summary>
public sealed class RecordingMigrationPolicy(IMigrationPolicy inner) : IMigrationPolicy
{
    public List<(long Round, MigrationCandidate Candidate)> Offered { get; } = [];
    public List<(long Round, MigrationDecision Decision)> Decided { get; } = [];

    public string Name => inner.Name;
    public int MaxCandidates => inner.MaxCandidates;

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        foreach (var c in candidates) Offered.Add((round.Round, c));
        int n = inner.PlanMigrations(round, candidates, tiers, decisions);
        for (int i = 0; i < n; i++) Decided.Add((round.Round, decisions[i]));
        return n;
    }

    public static (PolicySet Set, RecordingMigrationPolicy Recorder) Around(string registryName, int tiers)
    {
        var set = EngineHarness.Policy(registryName, tiers);
        if (set.Migration is IAccessObserver or ILearningPolicy)
            throw new ArgumentException($"{registryName} observes or learns; the recorder would hide that");
        var recorder = new RecordingMigrationPolicy(set.Migration);
        return (set with { Migration = recorder }, recorder);
    }
}

/// <summary>Always names the same tier, whatever room it has.</summary>
public sealed class FixedPlacement(int tier) : IPlacementPolicy
{
    public string Name => $"fixed-{tier}";

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers) => tier;
}

/// <summary>Places on the fastest tier and records every placement request and every access/migration event it is told about.</summary>
public sealed class RecordingPlacement : IPlacementPolicy, IAccessObserver
{
    public List<PlacementRequest> Requests { get; } = [];
    public List<AccessEvent> Accesses { get; } = [];
    public List<MigrationEvent> Migrations { get; } = [];

    public string Name => "recording-placement";

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers)
    {
        Requests.Add(request);
        return 0;
    }

    public void OnAccess(in AccessEvent access) => Accesses.Add(access);

    public void OnMigrated(in MigrationEvent migration) => Migrations.Add(migration);
}

/// <summary>A migration policy that never moves anything but counts how often it is asked to plan and to learn.</summary>
public sealed class RecordingLearner(int maxCandidates = 64) : IMigrationPolicy, ILearningPolicy
{
    public int PlanCalls { get; private set; }
    public int LearnCalls { get; private set; }
    public List<int> CandidatesPerPlan { get; } = [];

    public string Name => "recording-learner";
    public int MaxCandidates => maxCandidates;
    public int TableBytes => 0;

    public int PlanMigrations(in MigrationRound round, ReadOnlySpan<MigrationCandidate> candidates,
        ReadOnlySpan<TierStatus> tiers, Span<MigrationDecision> decisions)
    {
        PlanCalls++;
        CandidatesPerPlan.Add(candidates.Length);
        return 0;
    }

    public int Learn()
    {
        LearnCalls++;
        return 0;
    }
}

/// <summary>A placement policy that learns (as Sibyl's does): counts Learn calls.</summary>
public sealed class LearningPlacement : IPlacementPolicy, ILearningPolicy
{
    public int LearnCalls { get; private set; }
    public string Name => "learning-placement";
    public int TableBytes => 0;

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers) => 0;

    public int Learn()
    {
        LearnCalls++;
        return 0;
    }
}
