namespace TieredFs.Fuse.Session;

/// <summary>How the session mounts and what it negotiates.</summary>
public sealed record FuseOptions
{
    /// <summary>Shown as the mount source in /proc/mounts.</summary>
    public string Source { get; init; } = "tieredfs";

    /// <summary>The type shown as fuse.&lt;Subtype&gt;.</summary>
    public string Subtype { get; init; } = "tieredfs";

    public bool AllowOther { get; init; }

    /// <summary>Let the kernel check permissions from mode/uid/gid (always on for tiered-fs).</summary>
    public bool DefaultPermissions { get; init; } = true;

    public bool WritebackCache { get; init; }

    /// <summary>Reader threads (each on its own cloned /dev/fuse fd). 0 = automatic.</summary>
    public int Threads { get; init; }

    /// <summary>Largest WRITE payload; 1 MiB needs max_pages=256.</summary>
    public uint MaxWrite { get; init; } = 1u << 20;

    public uint MaxReadahead { get; init; } = 1u << 20;
}
