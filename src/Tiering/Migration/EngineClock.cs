using System.Diagnostics;
using TieredFs.Engine;

namespace TieredFs.Tiering.Migration;

/// <summary>The engine's clock on a mount: the monotonic Stopwatch, in microseconds.</summary>
public sealed class MonotonicClock : IEngineClock
{
    public static readonly MonotonicClock Instance = new();

    public double NowUs => ToUs(Stopwatch.GetTimestamp());

    /// <summary>A Stopwatch timestamp on the engine's time line.</summary>
    public static double ToUs(long timestamp) => timestamp * (1e6 / Stopwatch.Frequency);
}
