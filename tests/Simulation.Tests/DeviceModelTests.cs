using TieredFs.Simulation.Devices;

namespace TieredFs.Simulation.Tests;

public class DeviceModelTests
{
    private static readonly DeviceSpec s_disk = new("d", ReadLatencyUs: 100, WriteLatencyUs: 200, ReadMBps: 100, WriteMBps: 50, Channels: 1, SequentialLatencyUs: 5);

    [Fact]
    public void ServiceIsLatencyPlusTransfer()
    {
        var d = new DeviceModel(s_disk);
        Assert.Equal(100 + 1000 / 100.0, d.Serve(0, 0, 1000, isWrite: false), 6);
        Assert.Equal(10_000 + 200 + 1000 / 50.0, d.Serve(10_000, 50_000, 1000, isWrite: true), 6);
    }

    [Fact]
    public void ARequestArrivingWhileBusyWaitsInFifoOrder()
    {
        var d = new DeviceModel(s_disk);
        double first = d.Serve(0, 0, 10_000, false);        // 100 + 100 = 200
        double second = d.Serve(50, 90_000, 10_000, false); // starts at 200
        Assert.Equal(200, first, 6);
        Assert.Equal(400, second, 6);
    }

    [Fact]
    public void ContiguousAccessSkipsTheSeek()
    {
        var d = new DeviceModel(s_disk);
        d.Serve(0, 0, 1000, false);
        Assert.Equal(1000 + 5 + 10, d.Serve(1000, 1000, 1000, false), 6);
    }

    [Fact]
    public void ChannelsServeInParallel()
    {
        var d = new DeviceModel(s_disk with { Channels = 2 });
        Assert.Equal(110, d.Serve(0, 0, 1000, false), 6);
        Assert.Equal(110, d.Serve(0, 9000, 1000, false), 6);
        Assert.Equal(220, d.Serve(0, 90000, 1000, false), 6);
    }

    [Fact]
    public void InvalidSpecsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new DeviceModel(s_disk with { ReadMBps = 0 }));
        Assert.Throws<ArgumentException>(() => new DeviceModel(s_disk with { Channels = 0 }));
    }
}
