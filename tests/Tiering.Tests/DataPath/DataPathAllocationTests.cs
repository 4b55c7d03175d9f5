using System.Text;
using TieredFs.Tiering.Tests.Infrastructure;
using TieredFs.Tiering.Volume;

namespace TieredFs.Tiering.Tests.DataPath;

/// <summary>
/// Reads and writes of allocated extents allocate nothing on the managed heap (after warm-up):
/// no buffers, no boxing, no closures — with telemetry and, for a migrating policy, the access ring.
/// </summary>
public sealed class DataPathAllocationTests
{
    [Theory]
    [InlineData("static")]
    [InlineData("harmonia")]
    public void Reads_and_writes_of_placed_extents_allocate_nothing(string policy)
    {
        using var v = new TempVolume(64 << 10, policy: policy);
        var caller = new Caller(0, 0);
        Assert.Equal(0, v.Volume.Create(caller, TieredFs.Tiering.Volume.Volume.RootIno, Encoding.ASCII.GetBytes("f"), 0x1A4, 2, out _, out ulong handle));
        var block = new byte[4096];
        new Random(1).NextBytes(block);
        for (int i = 0; i < 64; i++) // place every extent first: allocation of a new extent may allocate
            Assert.Equal(0, v.Volume.Write(handle, i * 4096L, block, honourAppend: false, out _));
        var buffer = new byte[4096];
        for (int i = 0; i < 1000; i++) // warm-up: tiered JIT allocates on first calls
        {
            v.Volume.Write(handle, (i % 64) * 4096L, block, false, out _);
            v.Volume.Read(handle, (i % 64) * 4096L, buffer, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            v.Volume.Write(handle, (i % 64) * 4096L, block, false, out _);
            v.Volume.Read(handle, (i % 64) * 4096L, buffer, out _);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(buffer.AsSpan().SequenceEqual(block));
        v.Volume.Release(handle);
    }
}
