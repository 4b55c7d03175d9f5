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
            Inode? toDelete = null;
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

                long now = Clock.NowNs();
                _store.Transaction(store =>
                {
                    store.DeleteDentry(fromDir.Ino, fromKey);
                    store.InsertDentry(toDir.Ino, toKey, source);
                    if (replaced is not null)
                    {
                        DropLinkUnsynchronized(replaced, toDir, now);
                        toDelete = DeleteIfUnreachable(store, replaced);
                    }
                    if (moving.IsDirectory && fromDir != toDir)
                    {
                        fromDir.Nlink--;
                        toDir.Nlink++;
                        moving.Parent = toDir.Ino;
                    }
                    moving.CtimeNs = now;
                    fromDir.MtimeNs = fromDir.CtimeNs = now;
                    toDir.MtimeNs = toDir.CtimeNs = now;
                    UpdateAll(store, moving, fromDir, toDir);
                });
                fromChildren.Remove(fromKey);
                toChildren[toKey] = source;
            }
            if (toDelete is not null)
                DeleteData(toDelete);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(e, "rename");
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
        long now = Clock.NowNs();
        _store.Transaction(store =>
        {
            store.InsertDentry(fromDir.Ino, fromKey, other);
            store.InsertDentry(toDir.Ino, toKey, source);
            if (fromDir != toDir)
            {
                // A directory changing parents moves one ".." link with it.
                if (moving.IsDirectory) { fromDir.Nlink--; toDir.Nlink++; moving.Parent = toDir.Ino; }
                if (otherInode.IsDirectory) { toDir.Nlink--; fromDir.Nlink++; otherInode.Parent = fromDir.Ino; }
            }
            moving.CtimeNs = otherInode.CtimeNs = now;
            fromDir.MtimeNs = fromDir.CtimeNs = toDir.MtimeNs = toDir.CtimeNs = now;
            store.UpdateInode(otherInode);
            UpdateAll(store, moving, fromDir, toDir);
        });
        ChildrenOf(fromDir)[fromKey] = other;
        ChildrenOf(toDir)[toKey] = source;
        return 0;
    }

    /// <summary>Writes the moved node and both directories (once, if they are the same directory).</summary>
    private static void UpdateAll(MetadataStore store, Inode moving, Inode fromDir, Inode toDir)
    {
        store.UpdateInode(moving);
        store.UpdateInode(fromDir);
        if (toDir != fromDir)
            store.UpdateInode(toDir);
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
