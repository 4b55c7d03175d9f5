namespace TieredFs.Tiering.Migration;

/// <summary>Counters of the migration side, for status and metrics.</summary>
public sealed class MigrationStats
{
    public long Rounds;
    public long Planned;
    public long Done;
    public long Failed;
    public long BytesMoved;
    public long Promotions;
    public long Demotions;
    public long AccessesObserved;
}
