using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Tests.Infrastructure;

/// <summary>
/// A file system that implements nothing (ENOSYS everywhere) and never allocates; derive and
/// override the few methods a test needs (e.g. the allocation test's data path).
/// </summary>
internal abstract class StubFileSystem : IFuseFileSystem
{
    public virtual void Initialized(in NegotiatedInit init) { }
    public virtual void Destroyed() { }
    public virtual void Forget(ulong nodeId) { }
    public virtual int Lookup(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, out EntryOut entry) { entry = default; return Errno.ENOSYS; }
    public virtual int GetAttr(in RequestContext ctx, ulong nodeId, ulong? fh, out AttrOut attr) { attr = default; return Errno.ENOSYS; }
    public virtual int SetAttr(in RequestContext ctx, ulong nodeId, in SetAttrIn request, out AttrOut attr) { attr = default; return Errno.ENOSYS; }
    public virtual int ReadLink(in RequestContext ctx, ulong nodeId, Span<byte> target, out int length) { length = 0; return Errno.ENOSYS; }
    public virtual int Symlink(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, out EntryOut entry) { entry = default; return Errno.ENOSYS; }
    public virtual int MkNod(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, uint rdev, uint umask, out EntryOut entry) { entry = default; return Errno.ENOSYS; }
    public virtual int MkDir(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, uint umask, out EntryOut entry) { entry = default; return Errno.ENOSYS; }
    public virtual int Unlink(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name) => Errno.ENOSYS;
    public virtual int RmDir(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name) => Errno.ENOSYS;
    public virtual int Rename(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, ulong newParent, ReadOnlySpan<byte> newName, uint flags) => Errno.ENOSYS;
    public virtual int Link(in RequestContext ctx, ulong nodeId, ulong newParent, ReadOnlySpan<byte> newName, out EntryOut entry) { entry = default; return Errno.ENOSYS; }
    public virtual int Open(in RequestContext ctx, ulong nodeId, int flags, out OpenOut open) { open = default; return Errno.ENOSYS; }
    public virtual int Create(in RequestContext ctx, ulong parent, ReadOnlySpan<byte> name, uint mode, int flags, uint umask, out EntryOut entry, out OpenOut open) { entry = default; open = default; return Errno.ENOSYS; }
    public virtual int Read(in RequestContext ctx, ulong nodeId, ulong fh, long offset, Span<byte> buffer, out int bytesRead) { bytesRead = 0; return Errno.ENOSYS; }
    public virtual int Write(in RequestContext ctx, ulong nodeId, ulong fh, long offset, ReadOnlySpan<byte> data, out int bytesWritten) { bytesWritten = 0; return Errno.ENOSYS; }
    public virtual int Flush(in RequestContext ctx, ulong nodeId, ulong fh) => Errno.ENOSYS;
    public virtual int Release(in RequestContext ctx, ulong nodeId, ulong fh, int flags) => Errno.ENOSYS;
    public virtual int Fsync(in RequestContext ctx, ulong nodeId, ulong fh, bool dataOnly) => Errno.ENOSYS;
    public virtual int OpenDir(in RequestContext ctx, ulong nodeId, int flags, out OpenOut open) { open = default; return Errno.ENOSYS; }
    public virtual int ReadDir(in RequestContext ctx, ulong nodeId, ulong fh, long offset, ref DirentWriter writer) => Errno.ENOSYS;
    public virtual int ReleaseDir(in RequestContext ctx, ulong nodeId, ulong fh) => Errno.ENOSYS;
    public virtual int FsyncDir(in RequestContext ctx, ulong nodeId, ulong fh, bool dataOnly) => Errno.ENOSYS;
    public virtual int StatFs(in RequestContext ctx, ulong nodeId, out KStatFs stat) { stat = default; return Errno.ENOSYS; }
    public virtual int SetXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int flags) => Errno.ENOSYS;
    public virtual int GetXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name, Span<byte> value, out int size) { size = 0; return Errno.ENOSYS; }
    public virtual int ListXattr(in RequestContext ctx, ulong nodeId, Span<byte> names, out int size) { size = 0; return Errno.ENOSYS; }
    public virtual int RemoveXattr(in RequestContext ctx, ulong nodeId, ReadOnlySpan<byte> name) => Errno.ENOSYS;
    public virtual int Access(in RequestContext ctx, ulong nodeId, uint mask) => Errno.ENOSYS;
    public virtual int Fallocate(in RequestContext ctx, ulong nodeId, ulong fh, long offset, long length, int mode) => Errno.ENOSYS;
    public virtual int Lseek(in RequestContext ctx, ulong nodeId, ulong fh, long offset, int whence, out long result) { result = 0; return Errno.ENOSYS; }
    public virtual int CopyFileRange(in RequestContext ctx, ulong nodeIn, ulong fhIn, long offsetIn, ulong nodeOut, ulong fhOut, long offsetOut, long length, out long copied) { copied = 0; return Errno.ENOSYS; }
}
