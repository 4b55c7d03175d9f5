using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    public int OpenDirectory(ulong ino, int flags, out ulong handle)
    {
        handle = 0;
        lock (_ns)
        {
            var inode = GetInode(ino);
            if (inode is null)
                return PosixError.ENOENT;
            if (!inode.IsDirectory)
                return PosixError.ENOTDIR;
            handle = NewHandleUnsynchronized(inode, flags);
            return 0;
        }
    }

    /// <summary>
    /// The directory's entries from <paramref name="offset"/> on ("." and ".." first). The listing
    /// is taken once per open (and again on rewind to 0), so offsets stay stable while entries are
    /// added or removed — POSIX lets such entries appear or not.
    /// </summary>
    public int ListDirectory(ulong handle, long offset, out IReadOnlyList<ListedEntry> entries)
    {
        entries = Array.Empty<ListedEntry>();
        if (!_handles.TryGetValue(handle, out var file))
            return PosixError.EBADF;
        var dir = file.Inode;
        if (offset == 0 || file.Listing is null)
        {
            lock (_ns)
            {
                if (dir.Deleted)
                    return PosixError.ENOENT;
                var children = ChildrenOf(dir);
                var listing = new List<ListedEntry>(children.Count + 2)
                {
                    new("."u8.ToArray(), dir.Ino, ModeBits.DirentType(ModeBits.Directory)),
                    new(".."u8.ToArray(), dir.Parent == 0 ? RootIno : dir.Parent, ModeBits.DirentType(ModeBits.Directory)),
                };
                foreach (var (name, entry) in children)
                    listing.Add(new ListedEntry(MetadataStore.NameBytes(name), entry.Ino, entry.Type));
                file.Listing = listing;
            }
        }
        entries = file.Listing;
        return 0;
    }

    public int ReleaseDirectory(ulong handle)
    {
        if (!_handles.TryRemove(handle, out var file))
            return PosixError.EBADF;
        Interlocked.Decrement(ref file.Inode.OpenCount);
        return 0;
    }
}
