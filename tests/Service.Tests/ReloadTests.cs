using TieredFs.Service.Tests.Infrastructure;

namespace TieredFs.Service.Tests;

/// <summary>SIGHUP re-reads the config: tunables apply live, structural changes are refused whole.</summary>
public sealed class ReloadTests : IDisposable
{
    private readonly TestVolume _volume = new TestVolume().Start();

    public void Dispose() => _volume.Dispose();

    [Fact]
    public void WatermarkChangeAppliesLive()
    {
        _volume.WriteConfig(highWatermark: 0.5, lowWatermark: 0.25);
        _volume.Signal(Posix.SIGHUP);

        WaitFor(() => (double)_volume.TierStatus("fast")["high_watermark"]! == 0.5);
        Assert.Equal(0.25, (double)_volume.TierStatus("fast")["low_watermark"]!);
        // And placement follows it: 8 of 16 fast extents, then the slow tier.
        _volume.WriteFile("w", extents: 12);
        Assert.Equal(8, (long)_volume.TierStatus("fast")["extents"]!);
        WaitFor(() => _volume.Log.Contains("Config reloaded"));  // stderr is read asynchronously
    }

    [Fact]
    public void StructuralChangeIsRefusedAndTheOldConfigStays()
    {
        _volume.WriteConfig(highWatermark: 0.5, lowWatermark: 0.25, extentSize: "128KiB");
        _volume.Signal(Posix.SIGHUP);

        WaitFor(() => _volume.Log.Contains("refused"));
        Assert.Contains("extent_size changed from 65536 to 131072", _volume.Log);
        // All or nothing: the watermark change in the same file was not applied either.
        Assert.Equal(0.9, (double)_volume.TierStatus("fast")["high_watermark"]!);
        Assert.Equal(65536, (long)_volume.Status()["volume"]!["extent_size"]!);
        Assert.False(_volume.Process!.HasExited);
    }

    [Fact]
    public void BrokenFileIsRefused()
    {
        File.WriteAllText(_volume.ConfigPath, "[volume\n");
        _volume.Signal(Posix.SIGHUP);
        WaitFor(() => _volume.Log.Contains("Config reload refused"));
        Assert.Equal(0.9, (double)_volume.TierStatus("fast")["high_watermark"]!);
    }

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            Thread.Sleep(50);
        }
    }
}
