namespace TieredFs.Agents.Abstractions;

/// <summary>
/// Implemented by policies that learn or keep history. The tiering layer calls these after
/// the fact (from the I/O path or from an event ring); implementations must not allocate and
/// must do O(1) work: anything heavier belongs in <see cref="ILearningPolicy.Learn"/>.
/// </summary>
public interface IAccessObserver
{
    void OnAccess(in AccessEvent access);

    void OnMigrated(in MigrationEvent migration);
}
