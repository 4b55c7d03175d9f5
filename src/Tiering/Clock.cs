namespace TieredFs.Tiering;

/// <summary>Wall-clock time as nanoseconds since the Unix epoch, the unit the store keeps.</summary>
public static class Clock
{
    public static long NowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
