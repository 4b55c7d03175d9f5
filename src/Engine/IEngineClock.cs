namespace TieredFs.Engine;

/// <summary>Time as the engine sees it: wall time on a mount, trace time in the simulator.</summary>
public interface IEngineClock
{
    /// <summary>Microseconds since an arbitrary fixed origin; never decreases.</summary>
    double NowUs { get; }
}
