using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Protocol;

// Ops on open files: the data path.
public sealed partial class RequestProcessor
{
    private int HandleOpen(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out OpenIn args)) { errno = Errno.EIO; return 0; }
        errno = _fs.Open(in ctx, h.NodeId, (int)args.Flags, out var open);
        return errno == 0 ? ReplyBuilder.Struct(reply, h.Unique, in open) : 0;
    }

    private int HandleCreate(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out CreateIn args) || !body.TryReadName(out var name)) { errno = Errno.EIO; return 0; }
        errno = _fs.Create(in ctx, h.NodeId, name, args.Mode, (int)args.Flags, args.Umask, out var entry, out var open);
        if (errno != 0)
            return 0;
        // CREATE's reply is fuse_entry_out immediately followed by fuse_open_out.
        _lookups.Add(entry.NodeId);
        var bodySpan = reply.Slice(ReplyBuilder.HeaderSize);
        System.Runtime.InteropServices.MemoryMarshal.Write(bodySpan, in entry);
        System.Runtime.InteropServices.MemoryMarshal.Write(bodySpan.Slice(System.Runtime.CompilerServices.Unsafe.SizeOf<EntryOut>()), in open);
        return ReplyBuilder.WithBody(reply, h.Unique,
            System.Runtime.CompilerServices.Unsafe.SizeOf<EntryOut>() + System.Runtime.CompilerServices.Unsafe.SizeOf<OpenOut>());
    }

    private int HandleRead(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out ReadIn args)) { errno = Errno.EIO; return 0; }
        int room = reply.Length - ReplyBuilder.HeaderSize;
        int size = (int)Math.Min(args.Size, (uint)room);
        errno = _fs.Read(in ctx, h.NodeId, args.Fh, (long)args.Offset, reply.Slice(ReplyBuilder.HeaderSize, size), out int read);
        return errno == 0 ? ReplyBuilder.WithBody(reply, h.Unique, read) : 0;
    }

    private int HandleWrite(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out WriteIn args) || !body.TryReadBytes((int)args.Size, out var data)) { errno = Errno.EIO; return 0; }
        errno = _fs.Write(in ctx, h.NodeId, args.Fh, (long)args.Offset, data, out int written);
        if (errno != 0)
            return 0;
        var output = new WriteOut { Size = (uint)written };
        return ReplyBuilder.Struct(reply, h.Unique, in output);
    }

    private int HandleFlush(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out FlushIn args)) { errno = Errno.EIO; return 0; }
        errno = _fs.Flush(in ctx, h.NodeId, args.Fh);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }

    private int HandleRelease(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out ReleaseIn args)) { errno = Errno.EIO; return 0; }
        errno = _fs.Release(in ctx, h.NodeId, args.Fh, (int)args.Flags);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }

    private int HandleFsync(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno, bool dir)
    {
        if (!body.TryRead(out FsyncIn args)) { errno = Errno.EIO; return 0; }
        bool dataOnly = (args.FsyncFlags & FsyncIn.DataSync) != 0;
        errno = dir ? _fs.FsyncDir(in ctx, h.NodeId, args.Fh, dataOnly) : _fs.Fsync(in ctx, h.NodeId, args.Fh, dataOnly);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }

    private int HandleFallocate(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out FallocateIn args)) { errno = Errno.EIO; return 0; }
        errno = _fs.Fallocate(in ctx, h.NodeId, args.Fh, (long)args.Offset, (long)args.Length, (int)args.Mode);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }

    private int HandleLseek(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out LseekIn args)) { errno = Errno.EIO; return 0; }
        errno = _fs.Lseek(in ctx, h.NodeId, args.Fh, (long)args.Offset, (int)args.Whence, out long result);
        if (errno != 0)
            return 0;
        var output = new LseekOut { Offset = (ulong)result };
        return ReplyBuilder.Struct(reply, h.Unique, in output);
    }

    private int HandleCopyFileRange(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out CopyFileRangeIn args)) { errno = Errno.EIO; return 0; }
        errno = _fs.CopyFileRange(in ctx, h.NodeId, args.FhIn, (long)args.OffIn, args.NodeIdOut, args.FhOut, (long)args.OffOut, (long)args.Length, out long copied);
        if (errno != 0)
            return 0;
        // The reply is a fuse_write_out whose size field is 32 bits.
        var output = new WriteOut { Size = (uint)Math.Min(copied, uint.MaxValue) };
        return ReplyBuilder.Struct(reply, h.Unique, in output);
    }
}
