namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// Where a POSIX behaviour suite runs: a plain temp directory (proves the test itself is right) or a tiered-fs
/// mount (the system under test). Suites only use <see cref="Root"/> and <see cref="ExtentSize"/>.
/// </summary>
public interface IPosixTarget
{
    string Root { get; }

    /// <summary>The volume when this is a mount, else null (for mount-only extra checks).</summary>
    TestVolume? Volume { get; }

    /// <summary>Extent size of the mount; on a native dir the same 64 KiB, so the suites exercise identical offsets.</summary>
    long ExtentSize { get; }
}

/// <summary>A plain directory under /tmp (ext4 or tmpfs): the reference implementation of POSIX for the suites.</summary>
public sealed class NativeDirectoryTarget : IPosixTarget, IDisposable
{
    public string Root { get; } = TempRoot.NewDir("native");
    public TestVolume? Volume => null;
    public long ExtentSize => VolumeSpec.Posix.ExtentSize;
    public void Dispose() => TempRoot.Delete(Root);
}

/// <summary>A tiered-fs mount with 64 KiB extents, a 4 MiB fast tier and allow_other (for the 'nobody' tests).</summary>
public sealed class MountedTarget : IPosixTarget, IDisposable
{
    private readonly TestVolume _volume = TestVolume.Mount(VolumeSpec.Posix, "posix");
    public string Root => _volume.Path;
    public TestVolume? Volume => _volume;
    public long ExtentSize => _volume.Spec.ExtentSize;
    public void Dispose() => _volume.Dispose();
}
