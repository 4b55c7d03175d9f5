namespace TieredFs.Fuse;

/// <summary>Who asked: the caller's credentials from the request header.</summary>
public readonly record struct RequestContext(ulong Unique, uint Uid, uint Gid, uint Pid);
