using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

/// <summary>
/// What one namespace operation does to the inodes it touches (link counts, times, a directory's
/// parent, deletion), planned first, written to the store inside the operation's transaction and
/// applied to the in-memory inodes only after that transaction committed. A failed operation (a
/// full metadata filesystem) therefore leaves memory exactly as the store is. The caller holds
/// the namespace lock from planning to <see cref="Apply"/>.
/// </summary>
internal sealed class NamespaceChange
{
    // A rename touches the most: the moved node, the node it replaces and two directories.
    private const int MaxInodes = 4;

    private readonly Inode[] _inodes = new Inode[MaxInodes];
    private readonly Planned[] _planned = new Planned[MaxInodes];
    private int _count;

    public NamespaceChange(long nowNs) => NowNs = nowNs;

    public long NowNs { get; }

    /// <summary>The inode whose rows the change deletes (it lost its last name and is not open); its data goes after the commit.</summary>
    public Inode? Deleted { get; private set; }

    private struct Planned
    {
        public uint Nlink;
        public long CtimeNs;
        public long? MtimeNs;
        public ulong? Parent;
        public bool LostName;
        public bool Delete;
    }

    /// <summary>A name in <paramref name="dir"/> was added or removed; <paramref name="linkDelta"/> counts a subdirectory's "..".</summary>
    public void EntriesChanged(Inode dir, int linkDelta = 0)
    {
        ref var p = ref For(dir);
        p.Nlink = (uint)(p.Nlink + linkDelta);
        p.CtimeNs = NowNs;
        p.MtimeNs = NowNs;
    }

    /// <summary>A hard link to <paramref name="inode"/> was added.</summary>
    public void LinkAdded(Inode inode)
    {
        ref var p = ref For(inode);
        p.Nlink++;
        p.CtimeNs = NowNs;
    }

    /// <summary>
    /// One name of <paramref name="inode"/> is gone, and with it the name's directory entry in
    /// <paramref name="dir"/>. A directory loses every link (its name and its "."), and its ".."
    /// no longer counts in <paramref name="dir"/>.
    /// </summary>
    public void NameRemoved(Inode dir, Inode inode)
    {
        ref var p = ref For(inode);
        p.Nlink = inode.IsDirectory ? 0 : p.Nlink - 1;
        p.CtimeNs = NowNs;
        p.LostName = true;
        EntriesChanged(dir, inode.IsDirectory ? -1 : 0);
    }

    /// <summary>The node itself changed (renamed): only its ctime moves.</summary>
    public void Touched(Inode inode) => For(inode).CtimeNs = NowNs;

    /// <summary>A directory moved under <paramref name="newParent"/>: its ".." counts there now.</summary>
    public void Reparented(Inode dir, Inode oldParent, Inode newParent)
    {
        For(dir).Parent = newParent.Ino;
        EntriesChanged(oldParent, -1);
        EntriesChanged(newParent, +1);
    }

    /// <summary>
    /// Writes the planned rows (inside the caller's transaction; may run twice if the transaction
    /// is retried). A node left without names and without open handles loses its rows.
    /// </summary>
    public void WriteTo(MetadataStore store)
    {
        for (int i = 0; i < _count; i++)
        {
            ref var p = ref _planned[i];
            var inode = _inodes[i];
            p.Delete = p.LostName && p.Nlink == 0 && Volatile.Read(ref inode.OpenCount) == 0;
            if (p.Delete)
                store.DeleteInode(inode.Ino);
            else
                store.UpdateLinks(inode.Ino, p.Nlink, p.CtimeNs, p.MtimeNs);
        }
    }

    /// <summary>After the commit: the in-memory inodes take the planned values.</summary>
    public void Apply()
    {
        for (int i = 0; i < _count; i++)
        {
            ref var p = ref _planned[i];
            var inode = _inodes[i];
            inode.Nlink = p.Nlink;
            if (p.Parent is { } parent)
                inode.Parent = parent;
            // Times are guarded by the map lock: a concurrent write may be setting them too.
            lock (inode.MapLock)
            {
                inode.CtimeNs = Math.Max(inode.CtimeNs, p.CtimeNs);
                if (p.MtimeNs is { } mtime)
                    inode.MtimeNs = mtime;
            }
            if (p.Delete)
            {
                inode.Deleted = true;
                Deleted = inode;
            }
        }
    }

    private ref Planned For(Inode inode)
    {
        for (int i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_inodes[i], inode))
                return ref _planned[i];
        }
        if (_count == MaxInodes)
            throw new InvalidOperationException($"a namespace change touches at most {MaxInodes} inodes");
        _inodes[_count] = inode;
        _planned[_count] = new Planned { Nlink = inode.Nlink, CtimeNs = inode.CtimeNs };
        return ref _planned[_count++];
    }
}
