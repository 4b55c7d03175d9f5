namespace TieredFs.Simulation.Engine;

/// <summary>
/// Per-entity access statistics the tiering layer keeps (for extents, and for regions so a new
/// extent can inherit its neighbourhood's history): exponentially decayed access count,
/// last access time and a smoothed inter-access interval.
/// </summary>
public sealed class AccessHistory
{
    private const double IntervalSmoothing = 0.3;
    private readonly float[] _heat;
    private readonly int[] _heatStamp;
    private readonly double[] _lastUs;
    private readonly double[] _intervalUs;
    private readonly double _halfLife;

    public AccessHistory(int count, double halfLifeRequests)
    {
        _heat = new float[count];
        _heatStamp = new int[count];
        _lastUs = new double[count];
        _intervalUs = new double[count];
        Array.Fill(_lastUs, -1);
        _halfLife = halfLifeRequests;
    }

    public void Record(int id, int request, double nowUs)
    {
        _heat[id] = (float)(Count(id, request) + 1);
        _heatStamp[id] = request;
        if (_lastUs[id] >= 0)
        {
            double gap = nowUs - _lastUs[id];
            _intervalUs[id] = _intervalUs[id] <= 0 ? gap : _intervalUs[id] + IntervalSmoothing * (gap - _intervalUs[id]);
        }
        _lastUs[id] = nowUs;
    }

    public double Count(int id, int request)
    {
        float h = _heat[id];
        if (h == 0) return 0;
        return h * double.Exp2(-(request - _heatStamp[id]) / _halfLife);
    }

    /// <summary>Microseconds since the last access, or -1 if never accessed.</summary>
    public double AgeUs(int id, double nowUs) => _lastUs[id] < 0 ? -1 : nowUs - _lastUs[id];

    public double IntervalUs(int id) => _intervalUs[id];
}
