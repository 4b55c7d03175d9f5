using TieredFs.Agents.Abstractions;

namespace TieredFs.Engine;

// Carrying out a round's decisions: the checks every policy's moves pass, and the moves.
public sealed partial class TieringEngine
{
    /// <summary>
    /// Executes the plan in order. Each decision must name an offered candidate still on its tier,
    /// respect pins and hysteresis, and fit the budget; a promotion into a tier without room first
    /// demotes that tier's next victim in eviction order (paid from the same budget).
    /// </summary>
    private int Execute(int planned, double now)
    {
        int moved = 0;
        _busy.Clear();
        Span<bool> allowed = planned <= 256 ? stackalloc bool[planned] : new bool[planned];
        Span<int> refusedInto = stackalloc int[_status.Length];
        refusedInto.Clear();
        // Check every decision first: a promotion refused here must not leave behind the
        // demotion a policy planned to make room for it (a half-done swap).
        for (int i = 0; i < planned; i++)
        {
            MigrationDecision d = _decisions[i];
            _busy.Add(d.ExtentIndex);
            allowed[i] = _candidates.TryGet(d.ExtentIndex, out var c) && c.CurrentTier == d.FromTier
                && d.ToTier != d.FromTier && (uint)d.ToTier < (uint)_status.Length
                && MayMove(new ExtentId(d.ExtentIndex), d.FromTier, d.ToTier, now);
            if (!allowed[i] && d.IsPromotion && (uint)d.ToTier < (uint)_status.Length)
                refusedInto[d.ToTier]++;
        }
        for (int i = 0; i < planned; i++)
        {
            MigrationDecision d = _decisions[i];
            if (!allowed[i])
                continue;
            if (!d.IsPromotion && refusedInto[d.FromTier] > 0)
            {
                refusedInto[d.FromTier]--;
                continue;
            }
            var id = new ExtentId(d.ExtentIndex);
            if (!_budget.CanStart(d.FromTier, d.ToTier, _mechanism.ExtentBytes))
            {
                Stats.OverBudget += planned - i;
                break;
            }
            // A promotion needs room below the target's high watermark; filling past it would only
            // make the watermark drain evict again. Without room it is a swap, and a swap must pass
            // the swap margin and be affordable as a whole.
            if (d.IsPromotion && !HasRoomBelowHighWatermark(d.ToTier))
            {
                if (!_budget.CanStartSwap(d.FromTier, d.ToTier, _mechanism.ExtentBytes, _meter.MoveUs(d.ToTier, d.ToTier + 1)))
                {
                    Stats.OverBudget += planned - i;
                    break;
                }
                if (!MakeRoom(d.ToTier, d.ExtentIndex, now)) continue;
                moved++;
            }
            if (Move(id, d.FromTier, d.ToTier, MigrationCause.Planned, now) == MoveResult.Moved)
                moved++;
        }
        return moved;
    }

    /// <summary>Pins are law and hysteresis holds for every policy.</summary>
    private bool MayMove(ExtentId id, int from, int to, double now)
    {
        int pin = _mechanism.PinnedTier(id);
        if (pin >= 0 && pin != to)
        {
            Stats.RefusedByPin++;
            return false;
        }
        lock (_gate)
        {
            if (_heat.TryGetSlot(id, out int slot) && Held(slot, now, towardFaster: to < from))
            {
                Stats.HeldBack++;
                return false;
            }
        }
        return true;
    }

    private bool HasRoom(int tier)
    {
        _mechanism.TierStatuses(_status);
        return _status[tier].RoomBelowCapacity >= _mechanism.ExtentBytes;
    }

    private bool HasRoomBelowHighWatermark(int tier)
    {
        _mechanism.TierStatuses(_status);
        return _status[tier].RoomBelowHighWatermark >= _mechanism.ExtentBytes;
    }

    /// <summary>
    /// Demotes the tier's next victim one tier down (the one eviction rule) to make room for
    /// <paramref name="incoming"/>; false if none could go. A swap must be a clear improvement:
    /// the incoming extent's shrunk hits must exceed the victim's by the swap margin, so no
    /// policy trades extents of statistically equal heat back and forth.
    /// </summary>
    private bool MakeRoom(int tier, long incoming, double now)
    {
        if (tier + 1 >= _status.Length) return false;
        double incomingValue = _candidates.ValueOf(incoming);
        while (_candidates.NextVictim(tier, _busy, out var victim))
        {
            if (_candidates.ValueOf(victim.ExtentIndex) * _o.SwapMargin >= incomingValue)
            {
                // Victims come least valuable first (by this same measure): no later one qualifies.
                _candidates.PutBack(tier);
                Stats.SwapsRefused++;
                return false;
            }
            var id = new ExtentId(victim.ExtentIndex);
            _busy.Add(victim.ExtentIndex);
            if (_mechanism.TierOf(id) != tier || !MayMove(id, tier, tier + 1, now)) continue;
            if (!HasRoom(tier + 1) || !_budget.CanStart(tier, tier + 1, _mechanism.ExtentBytes)) return false;
            if (Move(id, tier, tier + 1, MigrationCause.Eviction, now) == MoveResult.Moved)
            {
                Stats.Evictions++;
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Watermarks: a faster tier filled past its high watermark (placement fell back to it, or
    /// promotions filled it) is drained in eviction order down to its low watermark, so new
    /// extents find room there again. Only for policies that migrate; within the budget.
    /// </summary>
    private int DrainAboveHighWatermark(double now)
    {
        int moved = 0;
        long extent = _mechanism.ExtentBytes;
        for (int t = 0; t < _status.Length - 1; t++)
        {
            _mechanism.TierStatuses(_status);
            var s = _status[t];
            if (s.UsedBytes <= s.CapacityBytes * s.HighWatermark)
                continue;
            long excess = s.UsedBytes - (long)(s.CapacityBytes * s.LowWatermark);
            while (excess > 0 && _candidates.NextVictim(t, _busy, out var victim))
            {
                var id = new ExtentId(victim.ExtentIndex);
                _busy.Add(victim.ExtentIndex);
                if (_mechanism.TierOf(id) != t || !MayMove(id, t, t + 1, now)) continue;
                if (!HasRoom(t + 1) || !_budget.CanStart(t, t + 1, extent)) break;
                if (Move(id, t, t + 1, MigrationCause.Eviction, now) == MoveResult.Moved)
                {
                    Stats.Evictions++;
                    excess -= extent;
                    moved++;
                }
            }
        }
        return moved;
    }

    /// <summary>Moves extents of pinned files that sit elsewhere to their pinned tier, within the budget.</summary>
    private int MovePinned(double now)
    {
        int moved = 0;
        int n = _mechanism.SamplePinnedMisplaced(_sample.AsSpan(0, PinBatch));
        for (int i = 0; i < n; i++)
        {
            var id = _sample[i];
            int from = _mechanism.TierOf(id), to = _mechanism.PinnedTier(id);
            if (from < 0 || to < 0 || from == to) continue;
            if (!_budget.CanStart(from, to, _mechanism.ExtentBytes)) break;
            if (!HasRoom(to) && !EvictForPin(to, now)) continue;
            if (Move(id, from, to, MigrationCause.Planned, now) == MoveResult.Moved)
            {
                Stats.PinMoves++;
                moved++;
            }
        }
        return moved;
    }

    /// <summary>
    /// Room for a pinned extent: the admin's pin outranks heat, so the first unpinned resident of
    /// the tier that may move goes one tier down (no swap margin). False when none can.
    /// </summary>
    private bool EvictForPin(int tier, double now)
    {
        if (tier + 1 >= _status.Length || !HasRoom(tier + 1)) return false;
        var residents = _sample.AsSpan(PinBatch);
        int n = _mechanism.SampleResident(tier, residents);
        for (int i = 0; i < n; i++)
        {
            var id = residents[i];
            if (_mechanism.PinnedTier(id) >= 0 || !MayMove(id, tier, tier + 1, now)) continue;
            if (Move(id, tier, tier + 1, MigrationCause.Eviction, now) == MoveResult.Moved)
            {
                Stats.Evictions++;
                return true;
            }
        }
        return false;
    }

    private MoveResult Move(ExtentId id, int from, int to, MigrationCause cause, double now)
    {
        var report = _mechanism.Move(id, from, to);
        lock (_gate)
        {
            switch (report.Result)
            {
                case MoveResult.Moved:
                    break;
                case MoveResult.Stale:
                    Stats.Stale++;
                    if (_heat.TryGetSlot(id, out int slot))
                    {
                        int actual = _mechanism.TierOf(id);
                        if (actual < 0) _heat.Remove(id); else _heat.SetTier(slot, actual);
                    }
                    return report.Result;
                case MoveResult.Pinned:
                    Stats.RefusedByPin++;
                    return report.Result;
                default:
                    Stats.Failed++;
                    return report.Result;
            }
            long bytes = _mechanism.ExtentBytes;
            _budget.Charge(from, to, bytes, _meter.DeviceShareOf(from, report.SourceLegUs), _meter.DeviceShareOf(to, report.TargetLegUs));
            _meter.ObserveMove(from, to, in report);
            _heat.RecordMove(id, from, to, now);
            Stats.Done++;
            Stats.BytesMoved += bytes;
            if (to < from) Stats.Promotions++; else Stats.Demotions++;
            var ev = new MigrationEvent(id.Value, from, to, bytes, report.DurationUs, cause);
            foreach (IAccessObserver o in _observers) o.OnMigrated(in ev);
        }
        return MoveResult.Moved;
    }
}
