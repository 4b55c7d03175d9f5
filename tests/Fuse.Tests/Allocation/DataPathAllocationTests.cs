using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Protocol.Abi;
using TieredFs.Fuse.Session;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Allocation;

/// <summary>
/// READ and WRITE are the hot path: the codec must not allocate per request, or a busy mount
/// turns into GC pressure. Measured on the current thread around 10,000 frames of each.
/// </summary>
public class DataPathAllocationTests
{
    private static long AllocatedBy(RequestProcessor processor, byte[] read, byte[] write, byte[] reply, int iterations)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < iterations; i++)
        {
            processor.Process(read, reply);
            processor.Process(write, reply);
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Ten_thousand_READs_and_WRITEs_allocate_nothing()
    {
        var processor = new RequestProcessor(new DataPathFileSystem(), new FuseOptions());
        byte[] reply = new byte[(1 << 20) + 4096];
        Assert.True(processor.Process(Frames.Init(1, 7, 45, 1u << 20, Harness.AllKernelFlags), reply) > 0);
        byte[] read = Frames.Request(Opcode.Read, 0x10, 33, Frames.ReadIn(1, 0, 4096));
        byte[] write = Frames.Request(Opcode.Write, 0x12, 33, new Le()
            .U64(1).U64(0).U32(4096).U32(0).U64(0).U32(0).U32(0) // fuse_write_in
            .Zeros(4096));                                       // payload

        AllocatedBy(processor, read, write, reply, 1000); // warm-up: tiering, static init
        long allocated = AllocatedBy(processor, read, write, reply, 10_000);

        Assert.Equal(0, allocated);
    }

    /// <summary>Everything but READ and WRITE is ENOSYS; neither allocates.</summary>
    private sealed class DataPathFileSystem : StubFileSystem
    {
        public override int Read(in RequestContext ctx, ulong nodeId, ulong fh, long offset, Span<byte> buffer, out int bytesRead)
        {
            buffer.Fill(0x5A);
            bytesRead = buffer.Length;
            return 0;
        }

        public override int Write(in RequestContext ctx, ulong nodeId, ulong fh, long offset, ReadOnlySpan<byte> data, out int bytesWritten)
        {
            bytesWritten = data.Length;
            return 0;
        }
    }
}
