using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    public int Lookup(ulong parent, ReadOnlySpan<byte> name, out NodeAttributes attributes)
    {
        attributes = default;
        if (name.Length > MaxNameLength)
            return PosixError.ENAMETOOLONG;
        try
        {
            lock (_ns)
            {
                var dir = GetInode(parent);
                if (dir is null)
                    return PosixError.ENOENT;
                if (!dir.IsDirectory)
                    return PosixError.ENOTDIR;
                ulong ino;
                if (name.SequenceEqual("."u8))
                    ino = dir.Ino;
                else if (name.SequenceEqual(".."u8))
                    ino = dir.Parent == 0 ? RootIno : dir.Parent;
                else if (ChildrenOf(dir).TryGetValue(MetadataStore.NameKey(name), out var entry))
                    ino = entry.Ino;
                else
                    return PosixError.ENOENT;
                var inode = GetInode(ino);
                if (inode is null)
                    return PosixError.ENOENT;
                attributes = AttributesOf(inode);
                return 0;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(e, "lookup");
        }
    }

    public int GetAttributes(ulong ino, out NodeAttributes attributes)
    {
        attributes = default;
        try
        {
            var inode = GetInode(ino);
            if (inode is null)
                return PosixError.ENOENT;
            attributes = AttributesOf(inode);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(e, "getattr");
        }
    }

    /// <summary>
    /// The kernel holds no more references to <paramref name="ino"/>. Drop it from memory unless
    /// it is still open or has uncommitted changes; it is reloaded from the store if needed.
    /// </summary>
    public void Forget(ulong ino)
    {
        if (ino == RootIno)
            return;
        lock (_ns)
        {
            if (_inodes.TryGetValue(ino, out var inode))
                EvictIfIdleUnsynchronized(inode);
        }
    }

    /// <summary>
    /// Drops a closed inode whose state is all committed from memory (caller holds the namespace
    /// lock). Always safe: the next use reloads it from the store.
    /// </summary>
    private void EvictIfIdleUnsynchronized(Inode inode)
    {
        if (inode.Ino == RootIno || Volatile.Read(ref inode.OpenCount) > 0 || inode.HasUncommittedChanges)
            return;
        _inodes.TryRemove(inode.Ino, out _);
        inode.Files?.Dispose();
    }

    public int ReadLink(ulong ino, Span<byte> target, out int length)
    {
        length = 0;
        var inode = GetInode(ino);
        if (inode is null)
            return PosixError.ENOENT;
        if (!ModeBits.IsSymlink(inode.Mode) || inode.SymlinkTarget is null)
            return PosixError.EINVAL;
        length = Math.Min(target.Length, inode.SymlinkTarget.Length);
        inode.SymlinkTarget.AsSpan(0, length).CopyTo(target);
        return 0;
    }

    /// <summary>Permission checks are the kernel's (default_permissions); this only checks existence.</summary>
    public int Access(ulong ino) => GetInode(ino) is null ? PosixError.ENOENT : 0;
}
