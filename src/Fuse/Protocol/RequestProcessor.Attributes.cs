using System.Runtime.InteropServices;
using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Protocol;

// Ops on a node's attributes, link target, xattrs and the volume's statistics.
public sealed partial class RequestProcessor
{
    private int HandleGetAttr(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        // Every kernel we accept (7.31+) sends fuse_getattr_in; a shorter body is malformed.
        if (!body.TryRead(out GetAttrIn args)) { errno = Errno.EIO; return 0; }
        ulong? fh = (args.GetAttrFlags & GetAttrIn.FlagFh) != 0 ? args.Fh : null;
        errno = _fs.GetAttr(in ctx, h.NodeId, fh, out var attr);
        return errno == 0 ? ReplyBuilder.Struct(reply, h.Unique, in attr) : 0;
    }

    private int HandleSetAttr(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out SetAttrIn args)) { errno = Errno.EIO; return 0; }
        errno = _fs.SetAttr(in ctx, h.NodeId, in args, out var attr);
        return errno == 0 ? ReplyBuilder.Struct(reply, h.Unique, in attr) : 0;
    }

    private int HandleReadLink(in InHeader h, in RequestContext ctx, Span<byte> reply, out int errno)
    {
        errno = _fs.ReadLink(in ctx, h.NodeId, reply.Slice(ReplyBuilder.HeaderSize), out int length);
        return errno == 0 ? ReplyBuilder.WithBody(reply, h.Unique, length) : 0;
    }

    private int HandleStatFs(in InHeader h, in RequestContext ctx, Span<byte> reply, out int errno)
    {
        errno = _fs.StatFs(in ctx, h.NodeId, out var stat);
        return errno == 0 ? ReplyBuilder.Struct(reply, h.Unique, in stat) : 0;
    }

    private int HandleAccess(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out AccessIn args)) { errno = Errno.EIO; return 0; }
        errno = _fs.Access(in ctx, h.NodeId, args.Mask);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }

    private int HandleSetXattr(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out SetXattrIn args) || !body.TryReadName(out var name) || !body.TryReadBytes((int)args.Size, out var value))
        {
            errno = Errno.EIO;
            return 0;
        }
        errno = _fs.SetXattr(in ctx, h.NodeId, name, value, (int)args.Flags);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }

    private int HandleGetXattr(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out GetXattrIn args) || !body.TryReadName(out var name)) { errno = Errno.EIO; return 0; }
        var buffer = SizedBuffer(reply, args.Size);
        return SizedReply(in h, reply, args.Size, buffer.Length, out errno,
            _fs.GetXattr(in ctx, h.NodeId, name, buffer, out int size), size);
    }

    private int HandleListXattr(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out GetXattrIn args)) { errno = Errno.EIO; return 0; }
        var buffer = SizedBuffer(reply, args.Size);
        return SizedReply(in h, reply, args.Size, buffer.Length, out errno,
            _fs.ListXattr(in ctx, h.NodeId, buffer, out int size), size);
    }

    private int HandleRemoveXattr(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryReadName(out var name)) { errno = Errno.EIO; return 0; }
        errno = _fs.RemoveXattr(in ctx, h.NodeId, name);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }

    /// <summary>The caller's buffer for a getxattr/listxattr: empty when it only asks for the size.</summary>
    private static Span<byte> SizedBuffer(Span<byte> reply, uint requested)
    {
        if (requested == 0)
            return Span<byte>.Empty;
        int room = reply.Length - ReplyBuilder.HeaderSize;
        return reply.Slice(ReplyBuilder.HeaderSize, (int)Math.Min(requested, (uint)room));
    }

    /// <summary>
    /// The getxattr/listxattr protocol: with size 0 the reply is fuse_getxattr_out carrying the
    /// needed size; otherwise the data itself, or ERANGE when it does not fit.
    /// </summary>
    private static int SizedReply(in InHeader h, Span<byte> reply, uint requested, int offered, out int errno, int fsErrno, int size)
    {
        errno = fsErrno;
        if (errno != 0)
            return 0;
        if (requested == 0)
        {
            var output = new GetXattrOut { Size = (uint)size };
            return ReplyBuilder.Struct(reply, h.Unique, in output);
        }
        // Compare with what the file system was really given, which may be less than asked for.
        if ((uint)size > requested || size > offered)
        {
            errno = Errno.ERANGE;
            return 0;
        }
        return ReplyBuilder.WithBody(reply, h.Unique, size);
    }
}
