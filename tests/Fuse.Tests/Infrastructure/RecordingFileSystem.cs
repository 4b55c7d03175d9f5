using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Tests.Infrastructure;

/// <summary>
/// The layer above the codec: records every call with its decoded arguments (names copied as
/// raw bytes) and answers with configurable errnos and outputs. Thread-safe, because the
/// interrupt tests call it from two threads.
/// </summary>
internal sealed class RecordingFileSystem : IFuseFileSystem
{
    private readonly List<Call> _calls = new();

    /// <summary>Errno to return, by method name (nameof(IFuseFileSystem.Lookup) ...); 0 when absent.</summary>
    public Dictionary<string, int> Errors { get; } = new();

    /// <summary>Runs after a call is recorded, before it returns (e.g. to block a handler).</summary>
    public Action<Call>? OnCall { get; set; }

    public EntryOut Entry { get; set; } = Samples.Entry(42);
    public AttrOut Attr { get; set; } = Samples.AttrOut(42);
    public OpenOut Open { get; set; } = Samples.Open(0xF00D);
    public KStatFs StatFs { get; set; } = Samples.StatFs();
    public byte[] FileData { get; set; } = [];
    /// <summary>WRITE's result; the payload length when null.</summary>
    public int? Written { get; set; }
    public byte[] LinkTarget { get; set; } = [];
    public byte[] XattrValue { get; set; } = [];
    public byte[] XattrNames { get; set; } = [];
    public long LseekResult { get; set; }
    public long Copied { get; set; }
    public List<DirEntry> Directory { get; } = new();

    public IReadOnlyList<Call> Calls { get { lock (_calls) return _calls.ToArray(); } }

    public Call Single(string method) => Assert.Single(Calls, c => c.Method == method);

    public int CountOf(string method) => Calls.Count(c => c.Method == method);

    private int Record(Call call)
    {
        lock (_calls)
            _calls.Add(call);
        OnCall?.Invoke(call);
        lock (Errors)
            return Errors.TryGetValue(call.Method, out int errno) ? errno : 0;
    }

    public void Initialized(in NegotiatedInit init) => Record(new Call { Method = nameof(Initialized), Init = init });

    public void Destroyed() => Record(new Call { Method = nameof(Destroyed) });

    public int Lookup(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, out EntryOut entry)
    {
        entry = Entry;
        return Record(new Call { Method = nameof(Lookup), Ctx = ctx, NodeId = parent, Name = name.ToArray() });
    }

    public void Forget(ulong nodeId) => Record(new Call { Method = nameof(Forget), NodeId = nodeId });

    public int GetAttr(in RequestContext ctx, ulong nodeId, ulong? fh, out AttrOut attr)
    {
        attr = Attr;
        return Record(new Call { Method = nameof(GetAttr), Ctx = ctx, NodeId = nodeId, OptionalFh = fh });
    }

    public int SetAttr(in RequestContext ctx, ulong nodeId, in SetAttrIn request, out AttrOut attr)
    {
        attr = Attr;
        return Record(new Call { Method = nameof(SetAttr), Ctx = ctx, NodeId = nodeId, SetAttr = request });
    }

    public int ReadLink(in RequestContext ctx, ulong nodeId, Span<byte> target, out int length)
    {
        int errno = Record(new Call { Method = nameof(ReadLink), Ctx = ctx, NodeId = nodeId, BufferLength = target.Length });
        LinkTarget.CopyTo(target);
        length = LinkTarget.Length;
        return errno;
    }

    public int Symlink(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, out EntryOut entry)
    {
        entry = Entry;
        return Record(new Call { Method = nameof(Symlink), Ctx = ctx, NodeId = parent, Name = name.ToArray(), Name2 = target.ToArray() });
    }

    public int MkNod(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, uint rdev, uint umask, out EntryOut entry)
    {
        entry = Entry;
        return Record(new Call { Method = nameof(MkNod), Ctx = ctx, NodeId = parent, Name = name.ToArray(), Mode = mode, Rdev = rdev, Umask = umask });
    }

    public int MkDir(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, uint umask, out EntryOut entry)
    {
        entry = Entry;
        return Record(new Call { Method = nameof(MkDir), Ctx = ctx, NodeId = parent, Name = name.ToArray(), Mode = mode, Umask = umask });
    }

    public int Unlink(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name)
        => Record(new Call { Method = nameof(Unlink), Ctx = ctx, NodeId = parent, Name = name.ToArray() });

    public int RmDir(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name)
        => Record(new Call { Method = nameof(RmDir), Ctx = ctx, NodeId = parent, Name = name.ToArray() });

    public int Rename(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, ulong newParent, ReadOnlySpan<byte> newName, uint flags)
        => Record(new Call { Method = nameof(Rename), Ctx = ctx, NodeId = parent, Name = name.ToArray(), NodeId2 = newParent, Name2 = newName.ToArray(), Flags = (int)flags });

    public int Link(in RequestContext ctx, ulong nodeId, ulong newParent, ReadOnlySpan<byte> newName, out EntryOut entry)
    {
        entry = Entry;
        return Record(new Call { Method = nameof(Link), Ctx = ctx, NodeId = nodeId, NodeId2 = newParent, Name = newName.ToArray() });
    }

    int IFuseFileSystem.Open(in RequestContext ctx, ulong nodeId, int flags, out OpenOut open)
    {
        open = Open;
        return Record(new Call { Method = nameof(IFuseFileSystem.Open), Ctx = ctx, NodeId = nodeId, Flags = flags });
    }

    public int Create(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, int flags, uint umask, out EntryOut entry, out OpenOut open)
    {
        entry = Entry;
        open = Open;
        return Record(new Call { Method = nameof(Create), Ctx = ctx, NodeId = parent, Name = name.ToArray(), Mode = mode, Flags = flags, Umask = umask });
    }

    public int Read(in RequestContext ctx, ulong nodeId, ulong fh, long offset, Span<byte> buffer, out int bytesRead)
    {
        int errno = Record(new Call { Method = nameof(Read), Ctx = ctx, NodeId = nodeId, Fh = fh, Offset = offset, BufferLength = buffer.Length });
        var available = offset < FileData.Length ? FileData.AsSpan((int)offset) : Span<byte>.Empty;
        bytesRead = Math.Min(available.Length, buffer.Length);
        available.Slice(0, bytesRead).CopyTo(buffer);
        return errno;
    }

    public int Write(in RequestContext ctx, ulong nodeId, ulong fh, long offset, ReadOnlySpan<byte> data, out int bytesWritten)
    {
        bytesWritten = Written ?? data.Length;
        return Record(new Call { Method = nameof(Write), Ctx = ctx, NodeId = nodeId, Fh = fh, Offset = offset, Data = data.ToArray() });
    }

    public int Flush(in RequestContext ctx, ulong nodeId, ulong fh)
        => Record(new Call { Method = nameof(Flush), Ctx = ctx, NodeId = nodeId, Fh = fh });

    public int Release(in RequestContext ctx, ulong nodeId, ulong fh, int flags)
        => Record(new Call { Method = nameof(Release), Ctx = ctx, NodeId = nodeId, Fh = fh, Flags = flags });

    public int Fsync(in RequestContext ctx, ulong nodeId, ulong fh, bool dataOnly)
        => Record(new Call { Method = nameof(Fsync), Ctx = ctx, NodeId = nodeId, Fh = fh, DataOnly = dataOnly });

    public int OpenDir(in RequestContext ctx, ulong nodeId, int flags, out OpenOut open)
    {
        open = Open;
        return Record(new Call { Method = nameof(OpenDir), Ctx = ctx, NodeId = nodeId, Flags = flags });
    }

    /// <summary>Serves <see cref="Directory"/>: entry i has next offset i + 1.</summary>
    public int ReadDir(in RequestContext ctx, ulong nodeId, ulong fh, long offset, ref DirentWriter writer)
    {
        int errno = Record(new Call { Method = nameof(ReadDir), Ctx = ctx, NodeId = nodeId, Fh = fh, Offset = offset, DataOnly = writer.Plus });
        if (errno != 0)
            return errno;
        for (int i = (int)offset; i < Directory.Count; i++)
        {
            var d = Directory[i];
            if (!writer.TryAdd(d.Name, d.Ino, i + 1, d.Type, d.Entry))
                break;
        }
        return 0;
    }

    public int ReleaseDir(in RequestContext ctx, ulong nodeId, ulong fh)
        => Record(new Call { Method = nameof(ReleaseDir), Ctx = ctx, NodeId = nodeId, Fh = fh });

    public int FsyncDir(in RequestContext ctx, ulong nodeId, ulong fh, bool dataOnly)
        => Record(new Call { Method = nameof(FsyncDir), Ctx = ctx, NodeId = nodeId, Fh = fh, DataOnly = dataOnly });

    int IFuseFileSystem.StatFs(in RequestContext ctx, ulong nodeId, out KStatFs stat)
    {
        stat = StatFs;
        return Record(new Call { Method = nameof(IFuseFileSystem.StatFs), Ctx = ctx, NodeId = nodeId });
    }

    public int SetXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int flags)
        => Record(new Call { Method = nameof(SetXattr), Ctx = ctx, NodeId = nodeId, Name = name.ToArray(), Data = value.ToArray(), Flags = flags });

    /// <summary>Always reports the full size; copies only when the buffer is big enough.</summary>
    public int GetXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name, Span<byte> value, out int size)
    {
        int errno = Record(new Call { Method = nameof(GetXattr), Ctx = ctx, NodeId = nodeId, Name = name.ToArray(), BufferLength = value.Length });
        size = XattrValue.Length;
        if (value.Length >= size)
            XattrValue.CopyTo(value);
        return errno;
    }

    public int ListXattr(in RequestContext ctx, ulong nodeId, Span<byte> names, out int size)
    {
        int errno = Record(new Call { Method = nameof(ListXattr), Ctx = ctx, NodeId = nodeId, BufferLength = names.Length });
        size = XattrNames.Length;
        if (names.Length >= size)
            XattrNames.CopyTo(names);
        return errno;
    }

    public int RemoveXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name)
        => Record(new Call { Method = nameof(RemoveXattr), Ctx = ctx, NodeId = nodeId, Name = name.ToArray() });

    public int Access(in RequestContext ctx, ulong nodeId, uint mask)
        => Record(new Call { Method = nameof(Access), Ctx = ctx, NodeId = nodeId, Mask = mask });

    public int Fallocate(in RequestContext ctx, ulong nodeId, ulong fh, long offset, long length, int mode)
        => Record(new Call { Method = nameof(Fallocate), Ctx = ctx, NodeId = nodeId, Fh = fh, Offset = offset, Length = length, Mode = (uint)mode });

    public int Lseek(in RequestContext ctx, ulong nodeId, ulong fh, long offset, int whence, out long result)
    {
        result = LseekResult;
        return Record(new Call { Method = nameof(Lseek), Ctx = ctx, NodeId = nodeId, Fh = fh, Offset = offset, Whence = whence });
    }

    public int CopyFileRange(in RequestContext ctx, ulong nodeIn, ulong fhIn, long offsetIn, ulong nodeOut, ulong fhOut, long offsetOut, long length, out long copied)
    {
        copied = Copied;
        return Record(new Call
        {
            Method = nameof(CopyFileRange), Ctx = ctx, NodeId = nodeIn, Fh = fhIn, Offset = offsetIn,
            NodeId2 = nodeOut, Fh2 = fhOut, Offset2 = offsetOut, Length = length,
        });
    }
}
