namespace TieredFs.Agents.Policies;

/// <summary>Actions of the Harmonia migration agent (persisted as table columns: append only).</summary>
public enum MigrationAction : byte
{
    Keep = 0,
    Promote = 1,
    Demote = 2,
}
