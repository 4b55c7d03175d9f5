using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    public const uint RenameNoReplace = 1;
    public const uint RenameExchange = 2;

    public int Rename(ulong parent, ReadOnlySpan<byte> name, ulong newParent, ReadOnlySpan<byte> newName, uint flags)
    {
        if ((flags & ~(RenameNoReplace | RenameExchange)) != 0 || flags == (RenameNoReplace | RenameExchange))
            return PosixError.EINVAL;
        if (name.Length > MaxNameLength || newName.Length > MaxNameLength)
            return PosixError.ENAMETOOLONG;
        int nameCheck = CheckName(newName);
        if (nameCheck != 0 || CheckName(name) != 0)
            return nameCheck == PosixError.EEXIST || CheckName(name) == PosixError.EEXIST ? PosixError.EBUSY : nameCheck;
        try
        {
            NamespaceChange change;
            lock (_ns)
            {
                var fromDir = GetInode(parent);
                var toDir = GetInode(newParent);
                if (fromDir is null || toDir is null)
                    return PosixError.ENOENT;
                if (!fromDir.IsDirectory || !toDir.IsDirectory)
                    return PosixError.ENOTDIR;
                var fromChildren = ChildrenOf(fromDir);
                var toChildren = ChildrenOf(toDir);
                string fromKey = MetadataStore.NameKey(name);
                string toKey = MetadataStore.NameKey(newName);
                if (!fromChildren.TryGetValue(fromKey, out var source))
                    return PosixError.ENOENT;
                var moving = GetInode(source.Ino);
                if (moving is null)
                    return PosixError.ENOENT;
                bool targetExists = toChildren.TryGetValue(toKey, out var target);

                if ((flags & RenameExchange) != 0)
                    return Exchange(fromDir, fromKey, moving, toDir, toKey, targetExists ? target : null);
                if (targetExists && (flags & RenameNoReplace) != 0)
                    return PosixError.EEXIST;
                if (targetExists && target.Ino == source.Ino)
                    return 0; // Two names of one inode: POSIX says do nothing.
                if (moving.IsDirectory && IsAncestorOrSelf(moving.Ino, toDir))
                    return PosixError.EINVAL;

                Inode? replaced = null;
                if (targetExists)
                {
                    replaced = GetInode(target.Ino);
                    if (replaced is not null)
                    {
                        if (moving.IsDirectory && !replaced.IsDirectory)
                            return PosixError.ENOTDIR;
                        if (!moving.IsDirectory && replaced.IsDirectory)
                            return PosixError.EISDIR;
                        if (replaced.IsDirectory && ChildrenOf(replaced).Count > 0)
                            return PosixError.ENOTEMPTY;
                    }
                }

                change = new NamespaceChange(Clock.NowNs());
                if (replaced is not null)
                    change.NameRemoved(toDir, replaced);
                if (moving.IsDirectory && fromDir != toDir)
                    change.Reparented(moving, fromDir, toDir);
                change.Touched(moving);
                change.EntriesChanged(fromDir);
                change.EntriesChanged(toDir);
                // Not a removal (it adds a name too), so it does not use the metadata reserve.
                _store.Transaction(store =>
                {
                    store.DeleteDentry(fromDir.Ino, fromKey);
                    store.InsertDentry(toDir.Ino, toKey, source);
                    change.WriteTo(store);
                });
                change.Apply();
                fromChildren.Remove(fromKey);
                toChildren[toKey] = source;
            }
            if (change.Deleted is { } deleted)
                DeleteData(deleted);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FailOrNoSpace(e, "rename");
        }
    }

    private int Exchange(Inode fromDir, string fromKey, Inode moving, Inode toDir, string toKey, DirEntry? target)
    {
        if (target is not { } other)
            return PosixError.ENOENT;
        var otherInode = GetInode(other.Ino);
        if (otherInode is null)
            return PosixError.ENOENT;
        if (moving.IsDirectory && IsAncestorOrSelf(moving.Ino, toDir))
            return PosixError.EINVAL;
        if (otherInode.IsDirectory && IsAncestorOrSelf(otherInode.Ino, fromDir))
            return PosixError.EINVAL;
        var source = ChildrenOf(fromDir)[fromKey];
        var change = new NamespaceChange(Clock.NowNs());
        if (fromDir != toDir)
        {
            // A directory changing parents moves one ".." link with it.
            if (moving.IsDirectory)
                change.Reparented(moving, fromDir, toDir);
            if (otherInode.IsDirectory)
                change.Reparented(otherInode, toDir, fromDir);
        }
        change.Touched(moving);
        change.Touched(otherInode);
        change.EntriesChanged(fromDir);
        change.EntriesChanged(toDir);
        _store.Transaction(store =>
        {
            store.InsertDentry(fromDir.Ino, fromKey, other);
            store.InsertDentry(toDir.Ino, toKey, source);
            change.WriteTo(store);
        });
        change.Apply();
        ChildrenOf(fromDir)[fromKey] = other;
        ChildrenOf(toDir)[toKey] = source;
        return 0;
    }

    /// <summary>Is <paramref name="ino"/> the directory <paramref name="dir"/> or one of its ancestors?</summary>
    private bool IsAncestorOrSelf(ulong ino, Inode dir)
    {
        var current = dir;
        for (int depth = 0; depth < 4096; depth++)
        {
            if (current.Ino == ino)
                return true;
            if (current.Ino == RootIno)
                return false;
            var parent = GetInode(current.Parent);
            if (parent is null)
                return false;
            current = parent;
        }
        return true;
    }
}
