namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>Linux errno values (asm-generic; identical on x86_64 and arm64) used by the tests.</summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EIO = 5;
    public const int EBADF = 9;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int EFBIG = 27;
    public const int ENOSPC = 28;
    public const int ERANGE = 34;
    public const int ENAMETOOLONG = 36;
    public const int ENOTEMPTY = 39;
    public const int ELOOP = 40;
    public const int ENODATA = 61;
    public const int EOPNOTSUPP = 95;
    public const int ENXIO = 6;
    public const int ENOTCONN = 107;

    public static string Name(int errno) => errno switch
    {
        EPERM => "EPERM", ENOENT => "ENOENT", EIO => "EIO", ENXIO => "ENXIO", EBADF => "EBADF",
        EACCES => "EACCES", EEXIST => "EEXIST", EXDEV => "EXDEV", ENOTDIR => "ENOTDIR",
        EISDIR => "EISDIR", EINVAL => "EINVAL", EFBIG => "EFBIG", ENOSPC => "ENOSPC",
        ERANGE => "ERANGE", ENAMETOOLONG => "ENAMETOOLONG", ENOTEMPTY => "ENOTEMPTY",
        ELOOP => "ELOOP", ENODATA => "ENODATA", EOPNOTSUPP => "EOPNOTSUPP", ENOTCONN => "ENOTCONN",
        _ => $"errno {errno}",
    };
}

/// <summary>A failed libc call; carries errno so tests can assert the exact POSIX error.</summary>
public sealed class ErrnoException(int errno, string operation)
    : Exception($"{operation} failed: {Infrastructure.Errno.Name(errno)} ({errno})")
{
    public int Errno { get; } = errno;
    public string Operation { get; } = operation;
}
