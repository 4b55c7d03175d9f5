using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TieredFs.Fuse.Protocol.Abi;
using TieredFs.Fuse.Session;

namespace TieredFs.Fuse.Protocol;

/// <summary>
/// The protocol core: one raw request in, at most one reply out. No syscalls here, so tests can
/// feed it frames without a mount. Handlers only fill the reply body; this class writes the
/// single header, which is how "exactly one reply per request" is guaranteed.
/// </summary>
public sealed partial class RequestProcessor
{
    /// <summary>The protocol minor we speak (the layouts in Abi/ are those of 7.38).</summary>
    public const uint OurMinor = 38;
    public const uint RequiredKernelMinor = 31;

    private static readonly int s_inHeaderSize = Unsafe.SizeOf<InHeader>();

    private readonly IFuseFileSystem _fs;
    private readonly FuseOptions _options;
    private readonly LookupCounts _lookups = new();
    private readonly InterruptTracker _interrupts = new();
    private volatile bool _initialized;
    private volatile bool _destroyed;

    public RequestProcessor(IFuseFileSystem fs, FuseOptions options)
    {
        _fs = fs;
        _options = options;
    }

    public LookupCounts Lookups => _lookups;

    public bool Initialized => _initialized;

    public bool Destroyed => _destroyed;

    public NegotiatedInit Negotiated { get; private set; }

    /// <summary>Counts of requests handled, by opcode (index = opcode value); for metrics.</summary>
    public long[] RequestCounts { get; } = new long[64];

    /// <summary>
    /// Handles one request frame. Returns the reply length, or 0 when the opcode takes no reply
    /// (FORGET, BATCH_FORGET, an INTERRUPT we absorbed).
    /// </summary>
    public int Process(ReadOnlySpan<byte> frame, Span<byte> reply)
    {
        if (!MemoryMarshal.TryRead(frame, out InHeader header) || header.Length < s_inHeaderSize || header.Length > frame.Length)
        {
            // Without a sane header there is no unique to answer; drop it. The kernel never sends these.
            return 0;
        }
        // Request extensions (security context, supplementary groups) sit at the END of the frame,
        // after the arguments; total_extlen counts them in 8-byte units.
        int extensions = header.TotalExtLength * 8;
        int bodyLength = (int)header.Length - s_inHeaderSize - extensions;
        bool noReply = (Opcode)header.Opcode is Opcode.Forget or Opcode.BatchForget;
        if (bodyLength < 0)
            return noReply ? 0 : ReplyBuilder.Status(reply, header.Unique, Errno.EIO);
        var body = new ArgumentReader(frame.Slice(s_inHeaderSize, bodyLength));
        var ctx = new RequestContext(header.Unique, header.Uid, header.Gid, header.Pid);
        var op = (Opcode)header.Opcode;
        if (header.Opcode < (uint)RequestCounts.Length)
            Interlocked.Increment(ref RequestCounts[header.Opcode]);

        if (!_initialized && op != Opcode.Init)
            return noReply ? 0 : ReplyBuilder.Status(reply, header.Unique, Errno.EIO);

        switch (op)
        {
            case Opcode.Forget:
                HandleForget(header.NodeId, ref body);
                return 0;
            case Opcode.BatchForget:
                HandleBatchForget(ref body);
                return 0;
            case Opcode.Interrupt:
                return HandleInterrupt(in header, ref body, reply);
        }

        int slot = _interrupts.Begin(header.Unique);
        try
        {
            int length = Dispatch(op, in header, in ctx, ref body, reply, out int errno);
            return errno != 0 ? ReplyBuilder.Status(reply, header.Unique, errno) : length;
        }
        finally
        {
            _interrupts.End(slot);
        }
    }

    private int Dispatch(Opcode op, in InHeader h, in RequestContext ctx, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        switch (op)
        {
            case Opcode.Init: return HandleInit(in h, ref body, reply, out errno);
            case Opcode.Destroy:
                _destroyed = true;
                _fs.Destroyed();
                errno = 0;
                return ReplyBuilder.Status(reply, h.Unique, 0);
            case Opcode.Lookup: return HandleLookup(in h, in ctx, ref body, reply, out errno);
            case Opcode.GetAttr: return HandleGetAttr(in h, in ctx, ref body, reply, out errno);
            case Opcode.SetAttr: return HandleSetAttr(in h, in ctx, ref body, reply, out errno);
            case Opcode.ReadLink: return HandleReadLink(in h, in ctx, reply, out errno);
            case Opcode.Symlink: return HandleSymlink(in h, in ctx, ref body, reply, out errno);
            case Opcode.MkNod: return HandleMkNod(in h, in ctx, ref body, reply, out errno);
            case Opcode.MkDir: return HandleMkDir(in h, in ctx, ref body, reply, out errno);
            case Opcode.Unlink: return HandleUnlink(in h, in ctx, ref body, reply, out errno);
            case Opcode.RmDir: return HandleRmDir(in h, in ctx, ref body, reply, out errno);
            case Opcode.Rename: return HandleRename(in h, in ctx, ref body, reply, out errno);
            case Opcode.Rename2: return HandleRename2(in h, in ctx, ref body, reply, out errno);
            case Opcode.Link: return HandleLink(in h, in ctx, ref body, reply, out errno);
            case Opcode.Open: return HandleOpen(in h, in ctx, ref body, reply, out errno);
            case Opcode.Create: return HandleCreate(in h, in ctx, ref body, reply, out errno);
            case Opcode.Read: return HandleRead(in h, in ctx, ref body, reply, out errno);
            case Opcode.Write: return HandleWrite(in h, in ctx, ref body, reply, out errno);
            case Opcode.Flush: return HandleFlush(in h, in ctx, ref body, reply, out errno);
            case Opcode.Release: return HandleRelease(in h, in ctx, ref body, reply, out errno);
            case Opcode.Fsync: return HandleFsync(in h, in ctx, ref body, reply, out errno, dir: false);
            case Opcode.OpenDir: return HandleOpenDir(in h, in ctx, ref body, reply, out errno);
            case Opcode.ReadDir: return HandleReadDir(in h, in ctx, ref body, reply, out errno, plus: false);
            case Opcode.ReadDirPlus: return HandleReadDir(in h, in ctx, ref body, reply, out errno, plus: true);
            case Opcode.ReleaseDir: return HandleReleaseDir(in h, in ctx, ref body, reply, out errno);
            case Opcode.FsyncDir: return HandleFsync(in h, in ctx, ref body, reply, out errno, dir: true);
            case Opcode.StatFs: return HandleStatFs(in h, in ctx, reply, out errno);
            case Opcode.SetXattr: return HandleSetXattr(in h, in ctx, ref body, reply, out errno);
            case Opcode.GetXattr: return HandleGetXattr(in h, in ctx, ref body, reply, out errno);
            case Opcode.ListXattr: return HandleListXattr(in h, in ctx, ref body, reply, out errno);
            case Opcode.RemoveXattr: return HandleRemoveXattr(in h, in ctx, ref body, reply, out errno);
            case Opcode.Access: return HandleAccess(in h, in ctx, ref body, reply, out errno);
            case Opcode.Fallocate: return HandleFallocate(in h, in ctx, ref body, reply, out errno);
            case Opcode.Lseek: return HandleLseek(in h, in ctx, ref body, reply, out errno);
            case Opcode.CopyFileRange: return HandleCopyFileRange(in h, in ctx, ref body, reply, out errno);
            default:
                errno = Errno.ENOSYS;
                return 0;
        }
    }

    private void HandleForget(ulong nodeId, ref ArgumentReader body)
    {
        if (body.TryRead(out ForgetIn f))
            ForgetNode(nodeId, f.NLookup);
    }

    private void HandleBatchForget(ref ArgumentReader body)
    {
        if (!body.TryRead(out BatchForgetIn batch))
            return;
        for (uint i = 0; i < batch.Count; i++)
        {
            if (!body.TryRead(out ForgetOne one))
                return;
            ForgetNode(one.NodeId, one.NLookup);
        }
    }

    private void ForgetNode(ulong nodeId, ulong count)
    {
        if (_lookups.Forget(nodeId, count))
            _fs.Forget(nodeId);
    }

    private int HandleInterrupt(in InHeader h, ref ArgumentReader body, Span<byte> reply)
    {
        if (!body.TryRead(out InterruptIn target))
            return 0;
        if (_interrupts.TryInterrupt(target.Unique))
            return 0; // It is running and will finish promptly; its own reply ends it.
        return ReplyBuilder.Status(reply, h.Unique, Errno.EAGAIN);
    }

    /// <summary>Used by handlers that loop (copy_file_range) to stop early.</summary>
    public bool IsInterrupted(ulong unique) => _interrupts.IsInterrupted(unique);

    private int HandleInit(in InHeader h, ref ArgumentReader body, Span<byte> reply, out int errno)
    {
        if (!body.TryRead(out InitIn init))
        {
            errno = Errno.EIO;
            return 0;
        }
        if (init.Major < 7)
        {
            errno = Errno.EPROTO;
            return 0;
        }
        if (init.Major > 7)
        {
            // Tell the kernel our major; it will retry INIT with 7.x.
            var older = new InitOut { Major = 7, Minor = OurMinor };
            errno = 0;
            return ReplyBuilder.Struct(reply, h.Unique, in older);
        }
        if (init.Minor < RequiredKernelMinor)
        {
            errno = Errno.EPROTO;
            return 0;
        }

        var kernel = (InitFlags)init.Flags;
        var wanted = InitFlags.AsyncRead | InitFlags.BigWrites | InitFlags.AutoInvalData | InitFlags.DoReadDirPlus
            | InitFlags.ReadDirPlusAuto | InitFlags.AsyncDio | InitFlags.ParallelDirOps | InitFlags.MaxPages
            | InitFlags.CacheSymlinks;
        if (_options.WritebackCache)
            wanted |= InitFlags.WritebackCache;
        var flags = kernel & wanted;
        uint maxPages = Math.Max(1u, _options.MaxWrite / 4096u);
        var output = new InitOut
        {
            Major = 7,
            Minor = Math.Min(init.Minor, OurMinor),
            MaxReadahead = Math.Min(init.MaxReadahead, _options.MaxReadahead),
            Flags = (uint)flags,
            MaxBackground = 64,
            CongestionThreshold = 48,
            MaxWrite = (flags & InitFlags.MaxPages) != 0 ? _options.MaxWrite : Math.Min(_options.MaxWrite, 128u * 1024),
            TimeGran = 1,
            MaxPages = (ushort)Math.Min(maxPages, 256u),
        };
        Negotiated = new NegotiatedInit(init.Minor, output.Minor, flags, output.MaxWrite, output.MaxReadahead);
        _fs.Initialized(Negotiated);
        _initialized = true;
        errno = 0;
        return ReplyBuilder.Struct(reply, h.Unique, in output);
    }

    /// <summary>Replies with an entry and counts the kernel's new reference to it.</summary>
    private int EntryReply(in InHeader h, in EntryOut entry, Span<byte> reply)
    {
        _lookups.Add(entry.NodeId);
        return ReplyBuilder.Struct(reply, h.Unique, in entry);
    }
}
