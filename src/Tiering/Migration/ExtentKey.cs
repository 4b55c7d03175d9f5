namespace TieredFs.Tiering.Migration;

/// <summary>
/// Policies name extents by one number. On a live volume that number packs the inode and the
/// extent index: 28 bits of index (256 Ti at 1 MiB extents) under the inode number. Files with
/// more extents than that share keys above it — which only blurs their learned statistics.
/// </summary>
public readonly record struct ExtentKey(ulong Ino, long Index)
{
    private const int IndexBits = 28;

    public long Packed => (long)((Ino << IndexBits) | ((ulong)Index & ((1UL << IndexBits) - 1)));
}
