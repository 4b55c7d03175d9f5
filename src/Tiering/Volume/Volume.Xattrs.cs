using System.Text;
using TieredFs.Tiering.Metadata;

namespace TieredFs.Tiering.Volume;

public sealed partial class Volume
{
    public const int XattrCreate = 1;
    public const int XattrReplace = 2;
    public const int MaxXattrValue = 65536;

    private static readonly byte[] s_extentsXattr = Encoding.ASCII.GetBytes(ExtentsXattr);

    public int SetXattr(ulong ino, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int flags)
    {
        int check = CheckXattrName(name);
        if (check != 0)
            return check;
        if (name.SequenceEqual(s_extentsXattr))
            return PosixError.EPERM;
        if (value.Length > MaxXattrValue)
            return PosixError.E2BIG;
        if (CheckPin(name, value) != 0)
            return PosixError.EINVAL;
        try
        {
            lock (_ns)
            {
                var inode = GetInode(ino);
                if (inode is null)
                    return PosixError.ENOENT;
                byte[] key = name.ToArray();
                lock (_store.Gate)
                {
                    bool exists = _store.GetXattr(ino, key) is not null;
                    if ((flags & XattrCreate) != 0 && exists)
                        return PosixError.EEXIST;
                    if ((flags & XattrReplace) != 0 && !exists)
                        return PosixError.ENODATA;
                    byte[] bytes = value.ToArray();
                    _store.Transaction(store =>
                    {
                        store.SetXattr(ino, key, bytes);
                        inode.CtimeNs = Clock.NowNs();
                        store.UpdateInode(inode);
                    });
                    NotePin(ino, name, value, removed: false);
                }
                return 0;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(e, "setxattr");
        }
    }

    /// <summary>Copies the value into <paramref name="value"/> (size only when it is empty).</summary>
    public int GetXattr(ulong ino, ReadOnlySpan<byte> name, Span<byte> value, out int size)
    {
        size = 0;
        int check = CheckXattrName(name);
        if (check != 0)
            return check;
        try
        {
            var inode = GetInode(ino);
            if (inode is null)
                return PosixError.ENOENT;
            byte[]? data;
            if (name.SequenceEqual(s_extentsXattr))
            {
                if (!inode.IsRegular)
                    return PosixError.ENODATA;
                data = Encoding.ASCII.GetBytes(DescribeExtents(inode));
            }
            else
            {
                lock (_store.Gate)
                    data = _store.GetXattr(ino, name.ToArray());
            }
            if (data is null)
                return PosixError.ENODATA;
            size = data.Length;
            if (value.Length == 0)
                return 0;
            if (value.Length < data.Length)
                return PosixError.ERANGE;
            data.CopyTo(value);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(e, "getxattr");
        }
    }

    /// <summary>NUL-terminated names. The virtual extents attribute is not listed, so copies (cp -a) skip it.</summary>
    public int ListXattr(ulong ino, Span<byte> names, out int size)
    {
        size = 0;
        try
        {
            if (GetInode(ino) is null)
                return PosixError.ENOENT;
            List<byte[]> list;
            lock (_store.Gate)
                list = _store.ListXattrs(ino);
            foreach (var n in list)
                size += n.Length + 1;
            if (names.Length == 0)
                return 0;
            if (names.Length < size)
                return PosixError.ERANGE;
            int at = 0;
            foreach (var n in list)
            {
                n.CopyTo(names.Slice(at));
                names[at + n.Length] = 0;
                at += n.Length + 1;
            }
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(e, "listxattr");
        }
    }

    public int RemoveXattr(ulong ino, ReadOnlySpan<byte> name)
    {
        int check = CheckXattrName(name);
        if (check != 0)
            return check;
        if (name.SequenceEqual(s_extentsXattr))
            return PosixError.EPERM;
        try
        {
            lock (_ns)
            {
                var inode = GetInode(ino);
                if (inode is null)
                    return PosixError.ENOENT;
                byte[] key = name.ToArray();
                bool removed = false;
                _store.Transaction(store =>
                {
                    // Nothing to remove leaves nothing written; the empty transaction is harmless.
                    removed = store.RemoveXattr(ino, key);
                    if (removed)
                    {
                        inode.CtimeNs = Clock.NowNs();
                        store.UpdateInode(inode);
                    }
                });
                if (!removed)
                    return PosixError.ENODATA;
                NotePin(ino, name, default, removed: true);
                return 0;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(e, "removexattr");
        }
    }

    /// <summary>
    /// POSIX ACLs are not enforced here (the kernel checks mode bits only), so refuse to store
    /// them rather than pretend. Other namespaces are stored as given.
    /// </summary>
    private static int CheckXattrName(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0 || name.Length > 255)
            return PosixError.ERANGE;
        if (name.StartsWith("system.posix_acl_"u8))
            return PosixError.EOPNOTSUPP;
        return 0;
    }

    /// <summary>"&lt;index&gt; &lt;tier&gt;" per allocated extent, ascending: what `tieredfs inspect` prints.</summary>
    public string DescribeExtents(Inode inode)
    {
        var sb = new StringBuilder();
        lock (inode.MapLock)
        {
            foreach (long index in inode.Extents.SortedIndexes())
            {
                inode.Extents.TryGetTier(index, out byte tierId);
                sb.Append(index).Append(' ').Append(TierById(tierId).Name).Append('\n');
            }
        }
        return sb.ToString();
    }
}
