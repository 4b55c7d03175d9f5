using System.Runtime.InteropServices;

namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// Reads blocks of a file with O_DIRECT (into a page-aligned buffer), so every read of a file on a FUSE mount
/// reaches the daemon instead of being answered from the kernel's page cache. One instance per thread.
/// </summary>
public sealed unsafe class DirectReader : IDisposable
{
    public const int Page = 4096;
    private static readonly int O_DIRECT = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x10000 : 0x4000;

    private readonly Fd _fd;
    private byte* _buffer;

    /// <summary>Block size of every read: a multiple of 4 KiB.</summary>
    public int BlockSize { get; }

    public DirectReader(string path, int blockSize = Page)
    {
        if (blockSize <= 0 || blockSize % Page != 0) throw new ArgumentOutOfRangeException(nameof(blockSize));
        BlockSize = blockSize;
        _fd = Native.Open(path, Native.O_RDONLY | O_DIRECT);
        _buffer = (byte*)NativeMemory.AlignedAlloc((nuint)blockSize, Page);
    }

    /// <summary>
    /// One pread of <see cref="BlockSize"/> bytes at <paramref name="offset"/> (a multiple of 4 KiB); shorter only at
    /// end of file. The span is valid until the next call.
    /// </summary>
    public ReadOnlySpan<byte> Read(long offset)
    {
        var buffer = new Span<byte>(_buffer, BlockSize);
        var n = Native.PRead(_fd, buffer, offset);
        return buffer[..n];
    }

    public void Dispose()
    {
        _fd.Dispose();
        if (_buffer != null)
        {
            NativeMemory.AlignedFree(_buffer);
            _buffer = null;
        }
    }
}

/// <summary>posix_fadvise(POSIX_FADV_DONTNEED): drops a file's clean page cache, whoever cached it.</summary>
public static partial class PageCache
{
    private const int POSIX_FADV_DONTNEED = 4;

    /// <summary>Drops the cached pages of <paramref name="path"/>; false if the file does not exist (now).</summary>
    public static bool Drop(string path)
    {
        Fd fd;
        try
        {
            fd = Native.Open(path, Native.O_RDONLY);
        }
        catch (ErrnoException e) when (e.Errno == Errno.ENOENT)
        {
            return false;
        }
        using (fd)
        {
            var rc = posix_fadvise(fd.Handle, 0, 0, POSIX_FADV_DONTNEED);
            if (rc != 0) throw new ErrnoException(rc, $"posix_fadvise({path}, DONTNEED)");
        }
        return true;
    }

    // posix_fadvise returns the error number instead of setting errno.
    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int posix_fadvise(int fd, long offset, long len, int advice);
}
