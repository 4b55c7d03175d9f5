namespace TieredFs.Engine;

/// <summary>
/// The one name of an extent everywhere tiering decides: placement, accesses, candidates, moves
/// and rewards all carry this value, so a reward always finds the decision it belongs to.
/// A live volume packs (inode, extent index); the simulator uses dense extent numbers.
/// </summary>
public readonly record struct ExtentId(long Value)
{
    private const int IndexBits = 28;
    private const long IndexMask = (1L << IndexBits) - 1;

    /// <summary>
    /// Inode and index in one number: 28 bits of index (256 TiB files at 1 MiB extents) under the
    /// inode number. Larger files share ids above that, which only blurs their statistics.
    /// </summary>
    public static ExtentId Of(ulong ino, long index) => new((long)(ino << IndexBits) | (index & IndexMask));

    public ulong Ino => (ulong)Value >> IndexBits;

    public long Index => Value & IndexMask;

    public override string ToString() => $"{Ino}:{Index}";
}
