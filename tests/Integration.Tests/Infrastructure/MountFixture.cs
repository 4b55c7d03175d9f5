namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// xunit class fixture: one mounted volume per test class. If mounting fails, every test in the class fails with
/// the <see cref="MountFailedException"/> (which includes the daemon's output) instead of hanging.
/// </summary>
public abstract class MountFixture : IDisposable
{
    public TestVolume Volume { get; }

    protected MountFixture(VolumeSpec spec, string label) => Volume = TestVolume.Mount(spec, label);

    public void Dispose()
    {
        Volume.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Default two-tier volume (1 MiB extents, fast tier 64 MiB).</summary>
public sealed class DefaultMountFixture() : MountFixture(new VolumeSpec(), "default");
