namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// Temp dirs live under /tmp/tieredfs-it with mode 0755 all the way down, because the permission tests run
/// commands as 'nobody' that must be able to traverse to the test root.
/// </summary>
public static class TempRoot
{
    public static readonly string Base = "/tmp/tieredfs-it";

    public static string NewDir(string label)
    {
        Directory.CreateDirectory(Base);
        Native.Chmod(Base, 0x1ED);
        var dir = Path.Combine(Base, $"{label}-{Guid.NewGuid():N}"[..(label.Length + 9)]);
        Directory.CreateDirectory(dir);
        Native.Chmod(dir, 0x1ED);
        return dir;
    }

    /// <summary>Set TIEREDFS_KEEP_TEMP=1 to keep tier dirs for post-mortem inspection.</summary>
    public static bool Keep => Environment.GetEnvironmentVariable("TIEREDFS_KEEP_TEMP") == "1";

    /// <summary>Deletes a temp tree, but never while anything is still mounted inside it.</summary>
    public static void Delete(string dir)
    {
        if (Keep || !Directory.Exists(dir)) return;
        var prefix = dir.TrimEnd('/') + "/";
        if (MountTable.Read().Any(m => m.MountPoint == dir || m.MountPoint.StartsWith(prefix, StringComparison.Ordinal)))
            return; // deleting through a live mount would delete through the daemon; leak instead
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET cannot address names that are not valid UTF-8 (NameTests creates some); rm works on bytes.
            // --one-file-system: never descend into anything mounted below. Best effort: a leak is no failure.
            ProcessRunner.Run("rm", ["-rf", "--one-file-system", "--", dir], TimeSpan.FromSeconds(60));
        }
    }
}
