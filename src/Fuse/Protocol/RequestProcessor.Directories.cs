using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Protocol;

// Ops on open directories.
public sealed partial class RequestProcessor
{
    private int HandleOpenDir(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out OpenIn args)) { errno = Errno.EIO; return 0; }
        errno = _fs.OpenDir(in ctx, h.NodeId, (int)args.Flags, out var open);
        return errno == 0 ? ReplyBuilder.Struct(reply, h.Unique, in open) : 0;
    }

    private int HandleReadDir(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno, bool plus)
    {
        if (!body.TryRead(out ReadIn args)) { errno = Errno.EIO; return 0; }
        int room = reply.Length - ReplyBuilder.HeaderSize;
        var writer = new DirentWriter(reply.Slice(ReplyBuilder.HeaderSize, (int)Math.Min(args.Size, (uint)room)), plus);
        errno = _fs.ReadDir(in ctx, h.NodeId, args.Fh, (long)args.Offset, ref writer);
        if (errno != 0)
            return 0;
        if (plus)
            CountDirentPlusLookups(reply.Slice(ReplyBuilder.HeaderSize, writer.Length));
        return ReplyBuilder.WithBody(reply, h.Unique, writer.Length);
    }

    /// <summary>
    /// Every READDIRPLUS entry with a node id gives the kernel a reference, except "." and "..",
    /// which the kernel skips (fs/fuse/readdir.c).
    /// </summary>
    private void CountDirentPlusLookups(ReadOnlySpan<byte> records)
    {
        int entrySize = System.Runtime.CompilerServices.Unsafe.SizeOf<EntryOut>();
        int headerSize = System.Runtime.CompilerServices.Unsafe.SizeOf<DirentHeader>();
        while (records.Length >= entrySize + headerSize)
        {
            var entry = System.Runtime.InteropServices.MemoryMarshal.Read<EntryOut>(records);
            var dirent = System.Runtime.InteropServices.MemoryMarshal.Read<DirentHeader>(records.Slice(entrySize));
            var name = records.Slice(entrySize + headerSize, (int)dirent.NameLength);
            bool dotOrDotDot = name.SequenceEqual("."u8) || name.SequenceEqual(".."u8);
            if (!dotOrDotDot && entry.NodeId != 0)
                _lookups.Add(entry.NodeId);
            int recordSize = entrySize + ((headerSize + (int)dirent.NameLength + 7) & ~7);
            records = records.Slice(recordSize);
        }
    }

    private int HandleReleaseDir(in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out ReleaseIn args)) { errno = Errno.EIO; return 0; }
        errno = _fs.ReleaseDir(in ctx, h.NodeId, args.Fh);
        return errno == 0 ? ReplyBuilder.Status(reply, h.Unique, 0) : 0;
    }
}
