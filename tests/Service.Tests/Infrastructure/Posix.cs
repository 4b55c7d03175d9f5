using System.Runtime.InteropServices;

namespace TieredFs.Service.Tests.Infrastructure;

internal static partial class Posix
{
    public const int SIGHUP = 1;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Umount2(string target, int flags);

    public const int MNT_DETACH = 2;

    public static bool IsMounted(string mountPoint) =>
        File.ReadLines("/proc/self/mountinfo").Any(l => l.Split(' ') is { Length: > 4 } p && p[4] == mountPoint);
}
