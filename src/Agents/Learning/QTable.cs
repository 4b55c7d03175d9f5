using System.Runtime.CompilerServices;

namespace TieredFs.Agents.Learning;

/// <summary>
/// One joint Q-table as a single flat float array: <c>2^StateBits</c> states ×
/// <c>2^ActionBits</c> actions, indexed by shift and mask. Small enough (a few KiB) to stay
/// in L1/L2, so a decision is a handful of loads.
/// </summary>
public sealed class QTable
{
    private readonly float[] _q;

    public QTable(int stateBits, int actionBits, float initialValue)
    {
        if (stateBits is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(stateBits));
        if (actionBits is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(actionBits));
        StateBits = stateBits;
        ActionBits = actionBits;
        _q = new float[1 << (stateBits + actionBits)];
        Array.Fill(_q, initialValue);
    }

    public int StateBits { get; }
    public int ActionBits { get; }
    public int StateCount => 1 << StateBits;
    public int ActionCount => 1 << ActionBits;
    public int Bytes => _q.Length * sizeof(float);

    /// <summary>Raw values, for persistence and tests.</summary>
    public Span<float> Values => _q;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Get(int state, int action) =>
        _q[((state & (StateCount - 1)) << ActionBits) | (action & (ActionCount - 1))];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int state, int action, float value) =>
        _q[((state & (StateCount - 1)) << ActionBits) | (action & (ActionCount - 1))] = value;

    /// <summary>Best action among those whose bit is set in <paramref name="validMask"/>; -1 if none.</summary>
    public int ArgMax(int state, int validMask)
    {
        int row = (state & (StateCount - 1)) << ActionBits;
        int best = -1;
        float bestQ = float.NegativeInfinity;
        for (int a = 0; a < ActionCount; a++)
        {
            if ((validMask & (1 << a)) == 0) continue;
            float q = _q[row + a];
            if (q > bestQ) { bestQ = q; best = a; }
        }
        return best;
    }

    /// <summary>Largest Q among valid actions (0 when none are valid).</summary>
    public float Max(int state, int validMask)
    {
        int a = ArgMax(state, validMask);
        return a < 0 ? 0f : Get(state, a);
    }

    /// <summary>Multiplies every entry by <paramref name="factor"/>: estimates fade toward 0.</summary>
    public void Scale(float factor)
    {
        foreach (ref float q in _q.AsSpan()) q *= factor;
    }

    /// <summary>Moves Q(s,a) a step of size <paramref name="alpha"/> towards <paramref name="target"/>.</summary>
    public void MoveTowards(int state, int action, float target, float alpha)
    {
        int i = ((state & (StateCount - 1)) << ActionBits) | (action & (ActionCount - 1));
        _q[i] += alpha * (target - _q[i]);
    }
}
