using System.Diagnostics;
using TieredFs.Engine;

namespace TieredFs.Tiering.Migration;

/// <summary>The engine's clock on a mount: the monotonic Stopwatch, in microseconds.</summary>
public sealed class MonotonicClock : IEngineClock
{
    public static readonly MonotonicClock Instance = new();

    private static readonly double s_usPerTick = 1e6 / Stopwatch.Frequency;

    public double NowUs => Stopwatch.GetTimestamp() * s_usPerTick;
}
