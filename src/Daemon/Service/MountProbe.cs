using System.Runtime.InteropServices;

namespace TieredFs.Daemon.Service;

/// <summary>
/// Asks the kernel for statfs(2) of the mount root: FUSE never caches statfs, so an answer
/// proves a FUSE worker thread took a request and replied. The call runs on its own thread so a
/// hung mount costs a stuck thread, not a stuck caller; the caller only waits up to a timeout.
/// </summary>
internal static partial class MountProbe
{
    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatFs(string path, [Out] byte[] buffer);

    /// <summary>True when statfs answered in time; otherwise <paramref name="problem"/> says what happened.</summary>
    public static bool Answers(string mountPoint, TimeSpan timeout, out string? problem)
    {
        int rc = -1, errno = 0;
        using var done = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            // struct statfs is 120 bytes on x86-64 and arm64; leave room.
            rc = StatFs(mountPoint, new byte[256]);
            errno = rc == 0 ? 0 : Marshal.GetLastPInvokeError();
            done.Set();
        })
        { IsBackground = true, Name = "mount-probe" };
        thread.Start();
        if (!done.Wait(timeout))
        {
            problem = $"statfs({mountPoint}) did not answer within {timeout.TotalSeconds:0.#} s";
            return false;
        }
        problem = rc == 0 ? null : $"statfs({mountPoint}) failed: {Marshal.GetPInvokeErrorMessage(errno)}";
        return rc == 0;
    }
}
