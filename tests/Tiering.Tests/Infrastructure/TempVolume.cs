using System.Text;
using TieredFs.Tiering.Volume;
using VolumeT = TieredFs.Tiering.Volume.Volume;

namespace TieredFs.Tiering.Tests.Infrastructure;

/// <summary>A volume over real temporary tier directories (no FUSE), reopenable like a restart.</summary>
public sealed class TempVolume : IDisposable
{
    private readonly string _root;

    public TempVolume(long extentSize = 64 << 10, long? fastCapacity = null, string policy = "static")
    {
        Clock = new ManualClock();
        _root = Path.Combine(Path.GetTempPath(), "tieredfs-tiering-" + Guid.NewGuid().ToString("N")[..8]);
        Options = new VolumeOptions(extentSize, null,
        [
            new TierOptions("fast", Path.Combine(_root, "fast"), fastCapacity),
            new TierOptions("slow", Path.Combine(_root, "slow")),
        ], policy, MigrationPeriodSeconds: 3600);
        Volume = Open();
    }

    /// <summary>The engine's clock: tests advance it between migration rounds.</summary>
    public ManualClock Clock { get; }

    private VolumeT Open() => VolumeT.Open(Options, null, TimeSpan.FromHours(1), Clock, null);

    public VolumeOptions Options { get; }

    public VolumeT Volume { get; private set; }

    public string TierPath(int rank) => Options.Tiers[rank].Path;

    /// <summary>Closes and opens the volume again, as a daemon restart does.</summary>
    public void Reopen(Action? whileClosed = null)
    {
        Volume.Dispose();
        whileClosed?.Invoke();
        Volume = Open();
    }

    /// <summary>Creates a file at the root holding <paramref name="data"/>; returns its inode number.</summary>
    public ulong CreateFile(string name, byte[] data)
    {
        var caller = new Caller(0, 0);
        Assert.Equal(0, Volume.Create(caller, VolumeT.RootIno, Encoding.UTF8.GetBytes(name), 0x1A4, 2, out var attributes, out ulong handle));
        Assert.Equal(0, Volume.Write(handle, 0, data, honourAppend: false, out int written));
        Assert.Equal(data.Length, written);
        Assert.Equal(0, Volume.Flush(handle));
        Assert.Equal(0, Volume.Release(handle));
        return attributes.Ino;
    }

    public byte[] ReadFile(ulong ino)
    {
        Assert.Equal(0, Volume.GetAttributes(ino, out var attributes));
        Assert.Equal(0, Volume.Open(ino, 0, out ulong handle));
        var buffer = new byte[attributes.Size];
        Assert.Equal(0, Volume.Read(handle, 0, buffer, out int read));
        Assert.Equal(buffer.Length, read);
        Volume.Release(handle);
        return buffer;
    }

    public void Dispose()
    {
        Volume.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
