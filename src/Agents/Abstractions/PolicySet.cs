namespace TieredFs.Agents.Abstractions;

/// <summary>A placement policy and a migration policy that run together under one name.</summary>
public sealed record PolicySet(string Name, IPlacementPolicy Placement, IMigrationPolicy Migration)
{
    /// <summary>Distinct objects among the two that want feedback.</summary>
    public IEnumerable<IAccessObserver> Observers()
    {
        if (Placement is IAccessObserver p) yield return p;
        if (Migration is IAccessObserver m && !ReferenceEquals(m, Placement)) yield return m;
    }

    public IEnumerable<ILearningPolicy> Learners()
    {
        if (Placement is ILearningPolicy p) yield return p;
        if (Migration is ILearningPolicy m && !ReferenceEquals(m, Placement)) yield return m;
    }
}
