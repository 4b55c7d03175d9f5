namespace TieredFs.Agents.Learning;

/// <summary>A decision still collecting its delayed reward.</summary>
public struct PendingDecision
{
    public long Extent;
    public long DecidedAtEvent;
    public float Reward;
    /// <summary>Divides the collected reward when the decision finishes (1 when rewards are already normalised).</summary>
    public float Scale;
    public int State;
    public byte Action;
    public sbyte FromTier;
    public sbyte ToTier;
    public byte Accesses;
    public bool Active;
    /// <summary>The move's own device-time cost has been charged.</summary>
    public bool Costed;
}
