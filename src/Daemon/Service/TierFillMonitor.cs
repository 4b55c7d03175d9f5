using Serilog;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Service;

/// <summary>
/// Logs a tier crossing its high watermark, filling up, and recovering below its low watermark —
/// once per transition, from a timer, so the data path never logs. Five seconds is plenty for
/// an admin-facing event.
/// </summary>
internal sealed class TierFillMonitor : IDisposable
{
    private enum Fill { Normal, AboveHigh, Full }

    private readonly Volume _volume;
    private readonly Fill[] _state;
    private readonly Timer _timer;

    public TierFillMonitor(Volume volume, TimeSpan? period = null)
    {
        _volume = volume;
        _state = new Fill[volume.Tiers.Count];
        var every = period ?? TimeSpan.FromSeconds(5);
        _timer = new Timer(_ => Check(), null, TimeSpan.Zero, every);
    }

    private void Check()
    {
        var log = Log.ForContext<TierFillMonitor>();
        lock (_state)
        {
            foreach (var tier in _volume.Tiers)
            {
                var status = tier.Status();
                var before = _state[tier.Rank];
                var now = status.RoomBelowCapacity < _volume.ExtentSize ? Fill.Full
                    : status.Fill >= tier.HighWatermark ? Fill.AboveHigh
                    // Hysteresis: stay "above high" until the fill drops below the low watermark.
                    : before != Fill.Normal && status.Fill >= tier.LowWatermark ? Fill.AboveHigh
                    : Fill.Normal;
                if (now == before)
                    continue;
                _state[tier.Rank] = now;
                switch (now)
                {
                    case Fill.Full:
                        log.Warning("Tier {Tier} is full ({Used} of {Capacity} bytes); new extents go to slower tiers", tier.Name, tier.UsedBytes, status.CapacityBytes);
                        break;
                    case Fill.AboveHigh when before == Fill.Normal:
                        log.Information("Tier {Tier} crossed its high watermark ({Fill:P1} >= {High:P0})", tier.Name, status.Fill, tier.HighWatermark);
                        break;
                    case Fill.AboveHigh:
                        log.Information("Tier {Tier} has room again ({Fill:P1} full)", tier.Name, status.Fill);
                        break;
                    case Fill.Normal:
                        log.Information("Tier {Tier} is below its low watermark again ({Fill:P1} < {Low:P0})", tier.Name, status.Fill, tier.LowWatermark);
                        break;
                }
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
