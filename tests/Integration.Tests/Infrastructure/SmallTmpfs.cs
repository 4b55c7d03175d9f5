namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// A tmpfs of a few MiB mounted on an existing directory (a tier directory of a
/// <see cref="TestVolume"/> created but not yet started): a real filesystem that really fills up.
/// Dispose unmounts it, lazily if the daemon still holds files there, so the volume's temp tree
/// can be deleted afterwards.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    /// <summary>Bytes an unprivileged writer could still use there.</summary>
    public long AvailableBytes => (long)Native.Statvfs(Path).AvailBytes;

    public static SmallTmpfs MountOn(string directory, long bytes)
    {
        var r = ProcessRunner.Run("mount", ["-t", "tmpfs", "-o", $"size={bytes}", "tieredfs-test", directory], TimeSpan.FromSeconds(10));
        if (r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"could not mount a {bytes}-byte tmpfs on {directory} (needs root): {r.Describe()}");
        return new SmallTmpfs(directory);
    }

    public void Dispose()
    {
        if (ProcessRunner.Run("umount", [Path], TimeSpan.FromSeconds(10)).ExitCode != 0)
            ProcessRunner.Run("umount", ["-l", Path], TimeSpan.FromSeconds(10));
    }
}
