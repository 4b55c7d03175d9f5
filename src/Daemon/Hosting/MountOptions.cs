namespace TieredFs.Daemon.Hosting;

/// <summary>
/// The -o options of `tieredfs mount`, as given on the command line or by mount(8) from fstab.
/// Generic mount(8) options are accepted and ignored; anything unknown is an error, so a typo
/// never silently mounts something other than what was asked.
/// </summary>
internal sealed record MountOptions(bool AllowOther, bool? WritebackCache, string? ConfigPath, bool DirectIo = false)
{
    private static readonly HashSet<string> s_ignored = new(StringComparer.Ordinal)
    {
        "defaults", "rw", "auto", "noauto", "nofail", "_netdev", "dev", "nodev", "suid", "nosuid",
        "exec", "noexec", "atime", "noatime", "relatime", "strictatime", "user", "nouser", "users",
        "default_permissions", "async", "sync",
    };

    public static MountOptions Parse(IEnumerable<string> values)
    {
        bool allowOther = false;
        bool? writeback = null;
        string? config = null;
        bool directIo = false;
        foreach (string group in values)
        {
            foreach (string raw in group.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (raw == "allow_other")
                    allowOther = true;
                else if (raw == "writeback_cache")
                    writeback = true;
                else if (raw == "no_writeback_cache")
                    writeback = false;
                else if (raw == "direct_io")
                    directIo = true;
                else if (raw.StartsWith("config=", StringComparison.Ordinal))
                    config = raw["config=".Length..];
                else if (raw == "ro")
                    throw new ArgumentException("read-only mounts are not supported yet (option \"ro\")");
                else if (s_ignored.Contains(raw) || raw.StartsWith("x-", StringComparison.Ordinal) || raw.StartsWith("comment=", StringComparison.Ordinal))
                    continue;
                else
                    throw new ArgumentException($"unknown mount option \"{raw}\"");
            }
        }
        return new MountOptions(allowOther, writeback, config, directIo);
    }
}
