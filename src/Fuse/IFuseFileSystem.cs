using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse;

/// <summary>
/// The inode-based file system the session serves. One method per opcode; each returns 0 or a
/// positive errno and fills its out parameters only on success. Names are raw bytes (Linux names
/// are not text). The session owns the reply: a method never writes to the device itself.
/// Lookup counting is done by the session: <see cref="Forget"/> is called once the kernel holds
/// no more references to a node.
/// Methods are called concurrently from several threads.
/// </summary>
public interface IFuseFileSystem
{
    /// <summary>Called once after INIT negotiation, before any other request.</summary>
    void Initialized(in NegotiatedInit init);

    /// <summary>Called when the kernel ends the session (DESTROY or unmount).</summary>
    void Destroyed();

    int Lookup(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, out EntryOut entry);

    void Forget(ulong nodeId);

    int GetAttr(in RequestContext ctx, ulong nodeId, ulong? fh, out AttrOut attr);

    int SetAttr(in RequestContext ctx, ulong nodeId, in SetAttrIn request, out AttrOut attr);

    int ReadLink(in RequestContext ctx, ulong nodeId, Span<byte> target, out int length);

    int Symlink(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, out EntryOut entry);

    int MkNod(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, uint rdev, uint umask, out EntryOut entry);

    int MkDir(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, uint umask, out EntryOut entry);

    int Unlink(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name);

    int RmDir(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name);

    /// <param name="flags">RENAME_NOREPLACE (1), RENAME_EXCHANGE (2), RENAME_WHITEOUT (4).</param>
    int Rename(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, ulong newParent, ReadOnlySpan<byte> newName, uint flags);

    int Link(in RequestContext ctx, ulong nodeId, ulong newParent, ReadOnlySpan<byte> newName, out EntryOut entry);

    int Open(in RequestContext ctx, ulong nodeId, int flags, out OpenOut open);

    int Create(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, int flags, uint umask, out EntryOut entry, out OpenOut open);

    int Read(in RequestContext ctx, ulong nodeId, ulong fh, long offset, Span<byte> buffer, out int bytesRead);

    int Write(in RequestContext ctx, ulong nodeId, ulong fh, long offset, ReadOnlySpan<byte> data, out int bytesWritten);

    int Flush(in RequestContext ctx, ulong nodeId, ulong fh);

    int Release(in RequestContext ctx, ulong nodeId, ulong fh, int flags);

    int Fsync(in RequestContext ctx, ulong nodeId, ulong fh, bool dataOnly);

    int OpenDir(in RequestContext ctx, ulong nodeId, int flags, out OpenOut open);

    /// <summary>Adds entries starting after <paramref name="offset"/> until the writer is full.</summary>
    int ReadDir(in RequestContext ctx, ulong nodeId, ulong fh, long offset, ref DirentWriter writer);

    int ReleaseDir(in RequestContext ctx, ulong nodeId, ulong fh);

    int FsyncDir(in RequestContext ctx, ulong nodeId, ulong fh, bool dataOnly);

    int StatFs(in RequestContext ctx, ulong nodeId, out KStatFs stat);

    int SetXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int flags);

    /// <summary>With an empty <paramref name="value"/> buffer, reports the size only.</summary>
    int GetXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name, Span<byte> value, out int size);

    /// <summary>NUL-separated names; with an empty buffer, reports the size only.</summary>
    int ListXattr(in RequestContext ctx, ulong nodeId, Span<byte> names, out int size);

    int RemoveXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name);

    int Access(in RequestContext ctx, ulong nodeId, uint mask);

    int Fallocate(in RequestContext ctx, ulong nodeId, ulong fh, long offset, long length, int mode);

    int Lseek(in RequestContext ctx, ulong nodeId, ulong fh, long offset, int whence, out long result);

    int CopyFileRange(in RequestContext ctx, ulong nodeIn, ulong fhIn, long offsetIn, ulong nodeOut, ulong fhOut, long offsetOut, long length, out long copied);
}

/// <summary>What INIT settled on, for the file system's information.</summary>
public readonly record struct NegotiatedInit(uint KernelMinor, uint Minor, InitFlags Flags, uint MaxWrite, uint MaxReadahead);
