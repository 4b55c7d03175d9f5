using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Protocol;

// Ops that create, find or remove directory entries.
public sealed partial class RequestProcessor
{
    private int HandleLookup(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryReadName(out var name)) { errno = Errno.EIO; return 0; }
        errno = _fs.Lookup(in ctx, h.NodeId, name, out var entry);
        return errno == 0 ? EntryReply(in h, in entry, reply) : 0;
    }

    private int HandleMkNod(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out MkNodIn args) || !body.TryReadName(out var name)) { errno = Errno.EIO; return 0; }
        errno = _fs.MkNod(in ctx, h.NodeId, name, args.Mode, args.Rdev, args.Umask, out var entry);
        return errno == 0 ? EntryReply(in h, in entry, reply) : 0;
    }

    private int HandleMkDir(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out MkDirIn args) || !body.TryReadName(out var name)) { errno = Errno.EIO; return 0; }
        errno = _fs.MkDir(in ctx, h.NodeId, name, args.Mode, args.Umask, out var entry);
        return errno == 0 ? EntryReply(in h, in entry, reply) : 0;
    }

    private int HandleSymlink(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        // Wire order: the new entry's name first, then the link target.
        if (!body.TryReadName(out var name) || !body.TryReadName(out var target)) { errno = Errno.EIO; return 0; }
        errno = _fs.Symlink(in ctx, h.NodeId, name, target, out var entry);
        return errno == 0 ? EntryReply(in h, in entry, reply) : 0;
    }

    private int HandleLink(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out LinkIn args) || !body.TryReadName(out var name)) { errno = Errno.EIO; return 0; }
        errno = _fs.Link(in ctx, args.OldNodeId, h.NodeId, name, out var entry);
        return errno == 0 ? EntryReply(in h, in entry, reply) : 0;
    }

    private int HandleUnlink(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryReadName(out var name)) { errno = Errno.EIO; return 0; }
        errno = _fs.Unlink(in ctx, h.NodeId, name);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }

    private int HandleRmDir(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryReadName(out var name)) { errno = Errno.EIO; return 0; }
        errno = _fs.RmDir(in ctx, h.NodeId, name);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }

    private int HandleRename(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out RenameIn args) || !body.TryReadName(out var oldName) || !body.TryReadName(out var newName)) { errno = Errno.EIO; return 0; }
        errno = _fs.Rename(in ctx, h.NodeId, oldName, args.NewDir, newName, 0);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }

    private int HandleRename2(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out Rename2In args) || !body.TryReadName(out var oldName) || !body.TryReadName(out var newName)) { errno = Errno.EIO; return 0; }
        errno = _fs.Rename(in ctx, h.NodeId, oldName, args.NewDir, newName, args.Flags);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }
}
