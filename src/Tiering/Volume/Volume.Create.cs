using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    public int MkNod(in Caller caller, ulong parent, ReadOnlySpan<byte> name, uint mode, uint rdev, out NodeAttributes attributes)
    {
        uint type = mode & ModeBits.TypeMask;
        if (type == 0)
            mode |= ModeBits.Regular;
        else if (type is ModeBits.Directory or ModeBits.Symlink)
        {
            attributes = default;
            return PosixError.EINVAL;
        }
        return CreateNode(in caller, parent, name, mode, rdev, null, out attributes, out _);
    }

    public int MkDir(in Caller caller, ulong parent, ReadOnlySpan<byte> name, uint mode, out NodeAttributes attributes)
        => CreateNode(in caller, parent, name, ModeBits.Directory | (mode & ModeBits.PermissionMask), 0, null, out attributes, out _);

    public int Symlink(in Caller caller, ulong parent, ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, out NodeAttributes attributes)
    {
        if (target.Length > 4095)
        {
            attributes = default;
            return PosixError.ENAMETOOLONG;
        }
        return CreateNode(in caller, parent, name, ModeBits.Symlink | 0x1FF, 0, target.ToArray(), out attributes, out _);
    }

    /// <summary>Creates a regular file and opens it; EEXIST only with O_EXCL, else opens the existing file.</summary>
    public int Create(in Caller caller, ulong parent, ReadOnlySpan<byte> name, uint mode, int flags, out NodeAttributes attributes, out ulong handle)
    {
        handle = 0;
        const int O_EXCL = 0x80;
        int rc = CreateNode(in caller, parent, name, ModeBits.Regular | (mode & ModeBits.PermissionMask), 0, null, out attributes, out var inode);
        if (rc == PosixError.EEXIST && (flags & O_EXCL) == 0)
        {
            rc = Lookup(parent, name, out attributes);
            if (rc != 0)
                return rc;
            if (ModeBits.IsDirectory(attributes.Mode))
                return PosixError.EISDIR;
            return Open(attributes.Ino, flags, out handle);
        }
        if (rc != 0)
            return rc;
        return Open(inode!.Ino, flags, out handle);
    }

    private int CreateNode(in Caller caller, ulong parent, ReadOnlySpan<byte> name, uint mode, uint rdev, byte[]? target, out NodeAttributes attributes, out Inode? created)
    {
        attributes = default;
        created = null;
        int nameCheck = CheckName(name);
        if (nameCheck != 0)
            return nameCheck;
        try
        {
            lock (_ns)
            {
                var dir = GetInode(parent);
                if (dir is null)
                    return PosixError.ENOENT;
                if (!dir.IsDirectory)
                    return PosixError.ENOTDIR;
                var children = ChildrenOf(dir);
                string key = MetadataStore.NameKey(name);
                if (children.ContainsKey(key))
                    return PosixError.EEXIST;
                if (!_store.CanGrow())
                    return PosixError.ENOSPC;

                var change = new NamespaceChange(Clock.NowNs());
                long now = change.NowNs;
                bool isDir = ModeBits.IsDirectory(mode);
                uint gid = caller.Gid;
                // BSD group semantics under a set-group-ID directory: inherit its group (and, for
                // subdirectories, the bit itself), as Linux filesystems do.
                if ((dir.Mode & ModeBits.SetGid) != 0)
                {
                    gid = dir.Gid;
                    if (isDir)
                        mode |= ModeBits.SetGid;
                }
                var inode = new Inode(0)
                {
                    Mode = mode,
                    Uid = caller.Uid,
                    Gid = gid,
                    Nlink = isDir ? 2u : 1u,
                    Rdev = rdev,
                    AtimeNs = now,
                    MtimeNs = now,
                    CtimeNs = now,
                    SymlinkTarget = target,
                    Size = target?.Length ?? 0,
                    Parent = isDir ? dir.Ino : 0,
                };
                if (isDir)
                    inode.Children = new Dictionary<string, DirEntry>(StringComparer.Ordinal);
                if (inode.IsRegular)
                    inode.Files = new DataPath.DataFiles(_tiers.Length);

                change.EntriesChanged(dir, isDir ? +1 : 0);
                _store.Transaction(store =>
                {
                    inode.Ino = store.InsertInode(inode);
                    store.InsertDentry(dir.Ino, key, new DirEntry(inode.Ino, ModeBits.DirentType(mode)));
                    change.WriteTo(store);
                });
                change.Apply();
                children[key] = new DirEntry(inode.Ino, ModeBits.DirentType(mode));
                _inodes[inode.Ino] = inode;
                created = inode;
                attributes = AttributesOf(inode);
                return 0;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FailOrNoSpace(e, "create");
        }
    }

    public int Link(ulong ino, ulong newParent, ReadOnlySpan<byte> newName, out NodeAttributes attributes)
    {
        attributes = default;
        int nameCheck = CheckName(newName);
        if (nameCheck != 0)
            return nameCheck;
        try
        {
            lock (_ns)
            {
                var inode = GetInode(ino);
                var dir = GetInode(newParent);
                if (inode is null || dir is null)
                    return PosixError.ENOENT;
                if (!dir.IsDirectory)
                    return PosixError.ENOTDIR;
                if (inode.IsDirectory)
                    return PosixError.EPERM;
                if (inode.Nlink >= 65000)
                    return PosixError.EMLINK;
                var children = ChildrenOf(dir);
                string key = MetadataStore.NameKey(newName);
                if (children.ContainsKey(key))
                    return PosixError.EEXIST;
                if (!_store.CanGrow())
                    return PosixError.ENOSPC;
                var change = new NamespaceChange(Clock.NowNs());
                change.LinkAdded(inode);
                change.EntriesChanged(dir);
                _store.Transaction(store =>
                {
                    store.InsertDentry(dir.Ino, key, new DirEntry(ino, ModeBits.DirentType(inode.Mode)));
                    change.WriteTo(store);
                });
                change.Apply();
                children[key] = new DirEntry(ino, ModeBits.DirentType(inode.Mode));
                attributes = AttributesOf(inode);
                return 0;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FailOrNoSpace(e, "link");
        }
    }

    private static int CheckName(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0 || name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
            return PosixError.EEXIST;
        if (name.Length > MaxNameLength)
            return PosixError.ENAMETOOLONG;
        if (name.IndexOf((byte)'/') >= 0)
            return PosixError.EINVAL;
        return 0;
    }
}
