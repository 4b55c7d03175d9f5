using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Tests.Infrastructure;

/// <summary>One call the codec made into the file system, with its arguments copied out.</summary>
internal sealed record Call
{
    public required string Method { get; init; }
    public RequestContext Ctx { get; init; }
    public ulong NodeId { get; init; }
    /// <summary>The second node: RENAME's new parent, LINK's new parent, COPY_FILE_RANGE's output.</summary>
    public ulong NodeId2 { get; init; }
    public byte[]? Name { get; init; }
    /// <summary>RENAME's new name, SYMLINK's target.</summary>
    public byte[]? Name2 { get; init; }
    /// <summary>WRITE payload, SETXATTR value.</summary>
    public byte[]? Data { get; init; }
    public ulong Fh { get; init; }
    public ulong? OptionalFh { get; init; }
    public ulong Fh2 { get; init; }
    public long Offset { get; init; }
    public long Offset2 { get; init; }
    public long Length { get; init; }
    public int Flags { get; init; }
    public uint Mode { get; init; }
    public uint Rdev { get; init; }
    public uint Umask { get; init; }
    public uint Mask { get; init; }
    public bool DataOnly { get; init; }
    public int Whence { get; init; }
    /// <summary>Size of the output buffer the codec offered (READ, READLINK, xattrs).</summary>
    public int BufferLength { get; init; }
    public SetAttrIn SetAttr { get; init; }
    public NegotiatedInit Init { get; init; }
}

/// <summary>A directory entry the double serves from READDIR/READDIRPLUS.</summary>
internal sealed record DirEntry(byte[] Name, ulong Ino, uint Type, EntryOut Entry);
