using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Lookups;

/// <summary>
/// FORGET / BATCH_FORGET return references; the file system hears about a node exactly once,
/// when its count reaches zero. Neither opcode takes a reply (the kernel would not read it).
/// </summary>
public class ForgetTests
{
    private static Harness LookedUp(ulong nodeId, int times)
    {
        var h = new Harness();
        h.Fs.Entry = Samples.Entry(nodeId);
        for (int i = 0; i < times; i++)
            h.Send(Frames.Request(Opcode.Lookup, (ulong)(0x100 + 2 * i), 1, new Le().CString("f"u8)));
        Assert.Equal(times, h.Processor.Lookups.Get(nodeId));
        return h;
    }

    private static byte[] Forget(ulong nodeId, ulong nlookup)
        => Frames.Request(Opcode.Forget, 0x900, nodeId, new Le().U64(nlookup)); // forget_in.nlookup

    [Fact]
    public void Forget_decrements_and_calls_Forget_once_at_zero_without_replying()
    {
        var h = LookedUp(42, 3);

        Assert.Empty(h.Send(Forget(42, 2)));
        Assert.Equal(1, h.Processor.Lookups.Get(42));
        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.Forget)));

        Assert.Empty(h.Send(Forget(42, 1)));
        Assert.Equal(42ul, h.Fs.Single(nameof(IFuseFileSystem.Forget)).NodeId);
        Assert.Equal(0, h.Processor.Lookups.TrackedNodes);

        // A stray extra FORGET must not produce a second call.
        Assert.Empty(h.Send(Forget(42, 1)));
        Assert.Equal(1, h.Fs.CountOf(nameof(IFuseFileSystem.Forget)));
    }

    [Fact]
    public void Forgetting_more_than_counted_still_calls_Forget_once()
    {
        var h = LookedUp(42, 2);

        h.Send(Forget(42, 100));

        Assert.Equal(1, h.Fs.CountOf(nameof(IFuseFileSystem.Forget)));
    }

    [Fact]
    public void Forgetting_the_root_or_an_unknown_node_calls_nothing()
    {
        var h = new Harness();

        Assert.Empty(h.Send(Forget(1, 1)));
        Assert.Empty(h.Send(Forget(777, 1)));

        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.Forget)));
    }

    [Fact]
    public void BatchForget_handles_every_entry_and_does_not_reply()
    {
        var h = LookedUp(42, 2);
        h.Fs.Entry = Samples.Entry(43);
        h.Send(Frames.Request(Opcode.Lookup, 0x200, 1, new Le().CString("g"u8)));
        h.Send(Frames.Request(Opcode.Lookup, 0x202, 1, new Le().CString("g"u8)));
        var args = new Le()
            .U32(2)     // count
            .U32(0)     // dummy
            .U64(42)    // [0].nodeid
            .U64(2)     // [0].nlookup: all of 42's references
            .U64(43)    // [1].nodeid
            .U64(1);    // [1].nlookup: one of 43's two

        byte[] reply = h.Send(Frames.Request(Opcode.BatchForget, 0x904, 0, args));

        Assert.Empty(reply);
        Assert.Equal(42ul, h.Fs.Single(nameof(IFuseFileSystem.Forget)).NodeId);
        Assert.Equal(1, h.Processor.Lookups.Get(43));
    }

    /// <summary>A count larger than the entries present stops at the end of the frame instead of reading past it.</summary>
    [Fact]
    public void BatchForget_with_an_overstated_count_processes_what_is_there()
    {
        var h = LookedUp(42, 1);
        var args = new Le().U32(5).U32(0).U64(42).U64(1);

        Assert.Empty(h.Send(Frames.Request(Opcode.BatchForget, 0x906, 0, args)));
        Assert.Equal(1, h.Fs.CountOf(nameof(IFuseFileSystem.Forget)));
    }
}
