using System.Runtime.InteropServices;
using TieredFs.Fuse.Protocol;

namespace TieredFs.Fuse.Session;

/// <summary>
/// One mounted FUSE connection: INIT on the first fd, then dedicated OS threads, each blocked in
/// read(2) on its own clone of the fd, answering on the fd the request came from with a single
/// write(2). Each thread owns one pinned request buffer and one pinned reply buffer, so the data
/// path allocates nothing per request.
/// </summary>
public sealed unsafe class FuseSession : IDisposable
{
    private readonly string _mountPoint;
    private readonly FuseOptions _options;
    private readonly RequestProcessor _processor;
    private readonly int _masterFd;
    private readonly List<Thread> _threads = new();
    private readonly List<int> _fds = new();
    private readonly ManualResetEventSlim _stopped = new(false);
    private readonly int _bufferSize;
    private int _running;
    private long _deviceMinor = -1;
    private int _disposed;

    private FuseSession(string mountPoint, FuseOptions options, IFuseFileSystem fs, int masterFd)
    {
        _mountPoint = mountPoint;
        _options = options;
        _processor = new RequestProcessor(fs, options);
        _masterFd = masterFd;
        // The kernel refuses reads into buffers smaller than max_write + headers (and 8 KiB).
        _bufferSize = (int)options.MaxWrite + 8192;
    }

    public string MountPoint => _mountPoint;

    public RequestProcessor Processor => _processor;

    /// <summary>Reports unexpected failures of the loop (never per request on success).</summary>
    public Action<string>? Diagnostics { get; set; }

    /// <summary>Set when every reader thread has ended (the kernel closed the connection).</summary>
    public WaitHandle StoppedHandle => _stopped.WaitHandle;

    public bool IsStopped => _stopped.IsSet;

    /// <summary>Mounts, completes INIT, and starts the reader threads.</summary>
    public static FuseSession Start(string mountPoint, IFuseFileSystem fs, FuseOptions options, Action<string>? diagnostics = null)
    {
        string full = Path.GetFullPath(mountPoint);
        Mounter.DetachIfDead(full);
        int fd = Mounter.Mount(full, options);
        var session = new FuseSession(full, options, fs, fd) { Diagnostics = diagnostics };
        try
        {
            session.CompleteInit();
            session.StartThreads();
            // Only now: stat of the mountpoint is served by the threads just started.
            session._deviceMinor = Native.DeviceMinorOf(full);
        }
        catch
        {
            Mounter.Unmount(full);
            session.Dispose();
            throw;
        }
        return session;
    }

    private void CompleteInit()
    {
        byte[] request = GC.AllocateArray<byte>(_bufferSize, pinned: true);
        byte[] reply = GC.AllocateArray<byte>(_bufferSize, pinned: true);
        while (!_processor.Initialized)
        {
            int n = ReadRequest(_masterFd, request);
            if (n < 0)
                throw new FuseMountException("the kernel closed the connection before INIT");
            if (n == 0)
                continue;
            int length = _processor.Process(request.AsSpan(0, n), reply);
            if (length > 0)
                WriteReply(_masterFd, reply, length);
            if (_processor.Destroyed)
                throw new FuseMountException("INIT was refused");
        }
    }

    private void StartThreads()
    {
        int count = _options.Threads > 0 ? _options.Threads : Math.Max(4, Environment.ProcessorCount * 2);
        _running = count;
        for (int i = 0; i < count; i++)
        {
            int fd = i == 0 ? _masterFd : CloneFd();
            if (i > 0)
                _fds.Add(fd);
            var thread = new Thread(() => Loop(fd))
            {
                IsBackground = true,
                Name = $"fuse-{i}",
            };
            _threads.Add(thread);
            thread.Start();
        }
    }

    private int CloneFd()
    {
        int fd = Native.Open("/dev/fuse", Native.O_RDWR | Native.O_CLOEXEC);
        if (fd < 0)
            throw new FuseMountException($"cannot open /dev/fuse for a clone: {Native.Describe(Native.LastErrno)}");
        uint master = (uint)_masterFd;
        if (Native.Ioctl(fd, Native.FUSE_DEV_IOC_CLONE, &master) != 0)
        {
            int errno = Native.LastErrno;
            Native.Close(fd);
            throw new FuseMountException($"FUSE_DEV_IOC_CLONE failed: {Native.Describe(errno)}");
        }
        return fd;
    }

    private void Loop(int fd)
    {
        byte[] request = GC.AllocateArray<byte>(_bufferSize, pinned: true);
        byte[] reply = GC.AllocateArray<byte>(_bufferSize, pinned: true);
        try
        {
            while (true)
            {
                int n = ReadRequest(fd, request);
                if (n < 0)
                    break;
                if (n == 0)
                    continue;
                int length;
                try
                {
                    length = _processor.Process(request.AsSpan(0, n), reply);
                }
                catch (Exception e)
                {
                    length = FailRequest(request.AsSpan(0, n), reply, e);
                }
                if (length > 0 && !WriteReply(fd, reply, length))
                    break;
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) == 0)
                _stopped.Set();
        }
    }

    /// <summary>A handler threw: answer EIO so the caller is not left hanging, and report it.</summary>
    private int FailRequest(ReadOnlySpan<byte> frame, Span<byte> reply, Exception e)
    {
        Diagnostics?.Invoke($"request failed with an exception: {e}");
        if (!MemoryMarshal.TryRead(frame, out Protocol.Abi.InHeader header))
            return 0;
        var op = (Opcode)header.Opcode;
        if (op is Opcode.Forget or Opcode.BatchForget)
            return 0;
        return ReplyBuilder.Status(reply, header.Unique, Errno.EIO);
    }

    /// <summary>Returns the frame length, 0 to retry, or −1 when the connection is gone.</summary>
    private int ReadRequest(int fd, byte[] buffer)
    {
        fixed (byte* p = buffer)
        {
            nint n = Native.Read(fd, p, (nuint)buffer.Length);
            if (n >= 0)
                return (int)n;
            int errno = Native.LastErrno;
            switch (errno)
            {
                case Errno.EINTR:
                case Errno.EAGAIN:
                case Errno.ENOENT: // the request was interrupted before we read it
                    return 0;
                case Errno.ENODEV: // unmounted
                    return -1;
                default:
                    Diagnostics?.Invoke($"read(/dev/fuse) failed: {Native.Describe(errno)}");
                    return -1;
            }
        }
    }

    private bool WriteReply(int fd, byte[] buffer, int length)
    {
        fixed (byte* p = buffer)
        {
            nint n = Native.Write(fd, p, (nuint)length);
            if (n >= 0)
                return true;
            int errno = Native.LastErrno;
            // ENOENT: the request was interrupted and the kernel no longer waits for it.
            if (errno == Errno.ENOENT)
                return true;
            if (errno == Errno.ENODEV)
                return false;
            Diagnostics?.Invoke($"write(/dev/fuse) failed: {Native.Describe(errno)}");
            return true;
        }
    }

    /// <summary>
    /// Unmounts (lazily if busy) and waits for the reader threads to see the connection end.
    /// If they do not within <paramref name="timeout"/>, aborts the connection through fusectl.
    /// </summary>
    public bool Stop(TimeSpan timeout)
    {
        int errno = Mounter.Unmount(_mountPoint);
        if (errno != 0 && errno != Errno.EINVAL)
            Diagnostics?.Invoke($"unmount {_mountPoint} failed: {Native.Describe(errno)}");
        if (_stopped.Wait(timeout))
            return true;
        AbortConnection();
        return _stopped.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Last resort when readers are still busy after unmount: fusectl's abort ends every pending
    /// request with ENOTCONN. Its directory is named by the mount's (anonymous) device minor.
    /// </summary>
    private void AbortConnection()
    {
        if (_deviceMinor < 0)
            return;
        string abort = $"/sys/fs/fuse/connections/{_deviceMinor}/abort";
        try
        {
            if (File.Exists(abort))
                File.WriteAllText(abort, "1");
        }
        catch (IOException e)
        {
            Diagnostics?.Invoke($"cannot abort FUSE connection {_deviceMinor}: {e.Message}");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        foreach (int fd in _fds)
            Native.Close(fd);
        Native.Close(_masterFd);
    }
}
