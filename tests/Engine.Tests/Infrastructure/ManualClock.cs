namespace TieredFs.Engine.Tests.Infrastructure;

/// <summary>The engine's clock in tests: time moves only when a test says so.</summary>
public sealed class ManualClock : IEngineClock
{
    private double _nowUs;

    public ManualClock(double startUs = 0) => _nowUs = startUs;

    public double NowUs
    {
        get => _nowUs;
        set
        {
            if (value < _nowUs) throw new InvalidOperationException($"clock may not go back ({value} < {_nowUs})");
            _nowUs = value;
        }
    }

    public void Advance(double us) => NowUs = _nowUs + us;
}
