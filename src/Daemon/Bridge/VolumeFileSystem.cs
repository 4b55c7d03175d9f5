using TieredFs.Fuse;
using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Protocol.Abi;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Bridge;

/// <summary>
/// The one adapter between the FUSE session and the volume: decodes nothing and decides nothing,
/// only maps node ids, handles and structs. Errno values pass through unchanged (both are Linux's).
/// </summary>
internal sealed class VolumeFileSystem : IFuseFileSystem
{
    private readonly Volume _volume;
    private readonly uint _blockSize;
    private bool _kernelHandlesAppend;

    private readonly bool _directIo;

    /// <param name="directIo">Bypass the kernel page cache for every open file (mount option direct_io).</param>
    public VolumeFileSystem(Volume volume, bool directIo = false)
    {
        _directIo = directIo;
        _volume = volume;
        _blockSize = (uint)volume.ExtentSize;
    }

    /// <summary>Lets long operations stop early when the caller was interrupted.</summary>
    public Func<ulong, bool> IsInterrupted { get; set; } = static _ => false;

    public void Initialized(in NegotiatedInit init)
    {
        // With the writeback cache the kernel resolves O_APPEND offsets itself.
        _kernelHandlesAppend = (init.Flags & InitFlags.WritebackCache) != 0;
    }

    public void Destroyed() => _volume.FlushAll();

    private static Caller CallerOf(in RequestContext ctx) => new(ctx.Uid, ctx.Gid);

    private int Entry(int rc, in NodeAttributes a, out EntryOut entry)
    {
        entry = rc == 0 ? AttributeConversion.ToEntry(in a, _blockSize) : default;
        return rc;
    }

    public int Lookup(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, out EntryOut entry)
        => Entry(_volume.Lookup(parent, name, out var a), in a, out entry);

    public void Forget(ulong nodeId) => _volume.Forget(nodeId);

    public int GetAttr(in RequestContext ctx, ulong nodeId, ulong? fh, out AttrOut attr)
    {
        int rc = _volume.GetAttributes(nodeId, out var a);
        attr = rc == 0 ? AttributeConversion.ToAttrOut(in a, _blockSize) : default;
        return rc;
    }

    public int SetAttr(in RequestContext ctx, ulong nodeId, in SetAttrIn request, out AttrOut attr)
    {
        int rc = _volume.SetAttributes(nodeId, AttributeConversion.ToUpdate(in request), out var a);
        attr = rc == 0 ? AttributeConversion.ToAttrOut(in a, _blockSize) : default;
        return rc;
    }

    public int ReadLink(in RequestContext ctx, ulong nodeId, Span<byte> target, out int length)
        => _volume.ReadLink(nodeId, target, out length);

    public int Symlink(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, out EntryOut entry)
        => Entry(_volume.Symlink(CallerOf(in ctx), parent, name, target, out var a), in a, out entry);

    public int MkNod(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, uint rdev, uint umask, out EntryOut entry)
        => Entry(_volume.MkNod(CallerOf(in ctx), parent, name, mode, rdev, out var a), in a, out entry);

    public int MkDir(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, uint umask, out EntryOut entry)
        => Entry(_volume.MkDir(CallerOf(in ctx), parent, name, mode, out var a), in a, out entry);

    public int Unlink(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name) => _volume.Unlink(parent, name);

    public int RmDir(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name) => _volume.RmDir(parent, name);

    public int Rename(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, ulong newParent, ReadOnlySpan<byte> newName, uint flags)
        => _volume.Rename(parent, name, newParent, newName, flags);

    public int Link(in RequestContext ctx, ulong nodeId, ulong newParent, ReadOnlySpan<byte> newName, out EntryOut entry)
        => Entry(_volume.Link(nodeId, newParent, newName, out var a), in a, out entry);

    public int Open(in RequestContext ctx, ulong nodeId, int flags, out OpenOut open)
    {
        int rc = _volume.Open(nodeId, flags, out ulong handle);
        open = OpenReply(handle, flags);
        return rc;
    }

    /// <summary>
    /// Keep the page cache across opens: every write goes through this daemon, and migration moves
    /// bytes without changing them, so cached pages stay true. O_DIRECT opens bypass the cache, and
    /// so does every open with the direct_io mount option.
    /// </summary>
    private OpenOut OpenReply(ulong handle, int flags) => new()
    {
        Fh = handle,
        OpenFlags = (uint)(_directIo ? OpenReplyFlags.DirectIo : OpenReplyFlags.KeepCache),
    };

    public int Create(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, int flags, uint umask, out EntryOut entry, out OpenOut open)
    {
        int rc = _volume.Create(CallerOf(in ctx), parent, name, mode, flags, out var a, out ulong handle);
        entry = rc == 0 ? AttributeConversion.ToEntry(in a, _blockSize) : default;
        open = OpenReply(handle, flags);
        return rc;
    }

    public int Read(in RequestContext ctx, ulong nodeId, ulong fh, long offset, Span<byte> buffer, out int bytesRead)
        => _volume.Read(fh, offset, buffer, out bytesRead);

    public int Write(in RequestContext ctx, ulong nodeId, ulong fh, long offset, ReadOnlySpan<byte> data, out int bytesWritten)
        => _volume.Write(fh, offset, data, honourAppend: !_kernelHandlesAppend, out bytesWritten);

    public int Flush(in RequestContext ctx, ulong nodeId, ulong fh) => _volume.Flush(fh);

    public int Release(in RequestContext ctx, ulong nodeId, ulong fh, int flags) => _volume.Release(fh);

    public int Fsync(in RequestContext ctx, ulong nodeId, ulong fh, bool dataOnly) => _volume.Fsync(nodeId, fh, dataOnly);

    public int OpenDir(in RequestContext ctx, ulong nodeId, int flags, out OpenOut open)
    {
        int rc = _volume.OpenDirectory(nodeId, flags, out ulong handle);
        open = new OpenOut { Fh = handle };
        return rc;
    }

    public int ReadDir(in RequestContext ctx, ulong nodeId, ulong fh, long offset, ref DirentWriter writer)
    {
        int rc = _volume.ListDirectory(fh, offset, out var entries);
        if (rc != 0)
            return rc;
        for (long i = offset; i < entries.Count; i++)
        {
            var e = entries[(int)i];
            EntryOut entry = default;
            bool dots = i < 2; // "." and ".." lead every listing and carry no lookup
            if (writer.Plus && !dots && _volume.GetAttributes(e.Ino, out var a) == 0)
                entry = AttributeConversion.ToEntry(in a, _blockSize);
            if (!writer.TryAdd(e.Name, e.Ino, i + 1, e.Type, in entry))
                break;
        }
        return 0;
    }

    public int ReleaseDir(in RequestContext ctx, ulong nodeId, ulong fh) => _volume.ReleaseDirectory(fh);

    public int FsyncDir(in RequestContext ctx, ulong nodeId, ulong fh, bool dataOnly) => _volume.FsyncDirectory(nodeId);

    public int StatFs(in RequestContext ctx, ulong nodeId, out KStatFs stat)
    {
        var s = _volume.Space();
        stat = new KStatFs
        {
            Blocks = (ulong)s.TotalBlocks,
            BlocksFree = (ulong)s.FreeBlocks,
            BlocksAvailable = (ulong)s.AvailableBlocks,
            Files = (ulong)s.Files,
            FilesFree = (ulong)s.FreeFiles,
            BlockSize = (uint)s.BlockSize,
            FragmentSize = (uint)s.BlockSize,
            NameLength = Volume.MaxNameLength,
        };
        return 0;
    }

    public int SetXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int flags)
        => _volume.SetXattr(nodeId, name, value, flags);

    public int GetXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name, Span<byte> value, out int size)
        => _volume.GetXattr(nodeId, name, value, out size);

    public int ListXattr(in RequestContext ctx, ulong nodeId, Span<byte> names, out int size)
        => _volume.ListXattr(nodeId, names, out size);

    public int RemoveXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name) => _volume.RemoveXattr(nodeId, name);

    public int Access(in RequestContext ctx, ulong nodeId, uint mask) => _volume.Access(nodeId);

    public int Fallocate(in RequestContext ctx, ulong nodeId, ulong fh, long offset, long length, int mode)
        => _volume.Fallocate(fh, offset, length, mode);

    public int Lseek(in RequestContext ctx, ulong nodeId, ulong fh, long offset, int whence, out long result)
        => _volume.Seek(fh, offset, whence, out result);

    public int CopyFileRange(in RequestContext ctx, ulong nodeIn, ulong fhIn, long offsetIn, ulong nodeOut, ulong fhOut, long offsetOut, long length, out long copied)
    {
        ulong unique = ctx.Unique;
        var interrupted = IsInterrupted;
        return _volume.CopyRange(fhIn, offsetIn, fhOut, offsetOut, length, () => interrupted(unique), out copied);
    }
}
