namespace TieredFs.Agents.Learning;

/// <summary>
/// xorshift64* generator: a struct so it lives inside the agent with no allocation, seeded
/// so that a simulation is reproducible. Not for anything security related.
/// </summary>
public struct XorShiftRng
{
    private ulong _state;

    public XorShiftRng(ulong seed)
    {
        // Zero is a fixed point of xorshift; splitmix the seed so nearby seeds diverge.
        ulong z = seed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        _state = (z ^ (z >> 31)) | 1UL;
    }

    public ulong NextUInt64()
    {
        ulong x = _state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        _state = x;
        return x * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int NextInt(int n) => (int)((NextUInt64() >> 33) % (ulong)n);

    public ulong State => _state;

    public void Restore(ulong state) => _state = state == 0 ? 1UL : state;
}
