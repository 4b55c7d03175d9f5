using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

/// <summary>An open file or directory handle (the FUSE fh).</summary>
internal sealed class OpenFile(Inode inode, int flags)
{
    public Inode Inode { get; } = inode;

    public int Flags { get; } = flags;

    /// <summary>O_APPEND: every write goes to the current end of file.</summary>
    public bool Append => (Flags & 0x400) != 0;

    /// <summary>For directories: the listing taken at opendir (or at rewind to offset 0).</summary>
    public List<ListedEntry>? Listing;
}
