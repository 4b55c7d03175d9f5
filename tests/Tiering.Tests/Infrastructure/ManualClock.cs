using TieredFs.Engine;

namespace TieredFs.Tiering.Tests.Infrastructure;

/// <summary>An engine clock that moves only when the test says so.</summary>
public sealed class ManualClock : IEngineClock
{
    public double NowUs { get; private set; } = 1_000_000;

    public void Advance(TimeSpan by) => NowUs += by.TotalMicroseconds;
}
