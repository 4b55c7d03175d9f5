using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Interrupts;

/// <summary>
/// INTERRUPT names a target request by unique. If the target is running, we absorb the
/// interrupt (no reply) and the handler can see it; if not (yet) seen, the reply is EAGAIN so
/// the kernel requeues the interrupt.
/// </summary>
public class InterruptTests
{
    private const ulong Target = 0x100;
    private const ulong InterruptUnique = Target | 1; // the kernel sets FUSE_INT_REQ_BIT

    private static byte[] Interrupt(ulong target)
        => Frames.Request(Opcode.Interrupt, InterruptUnique, 0, new Le().U64(target)); // interrupt_in.unique

    [Fact]
    public void Interrupt_for_an_unknown_request_is_EAGAIN()
    {
        var h = new Harness();

        Assert.Equal(Replies.Status(InterruptUnique, Errno.EAGAIN), h.Send(Interrupt(Target)));
    }

    [Fact]
    public async Task Interrupt_for_a_running_request_is_absorbed_and_visible_to_the_handler()
    {
        var h = new Harness();
        using var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        bool? interruptedBefore = null, interruptedAfter = null;
        h.Fs.OnCall = call =>
        {
            if (call.Method != nameof(IFuseFileSystem.GetAttr))
                return;
            interruptedBefore = h.Processor.IsInterrupted(call.Ctx.Unique);
            entered.Release();
            Assert.True(release.Wait(TimeSpan.FromSeconds(30)));
            interruptedAfter = h.Processor.IsInterrupted(call.Ctx.Unique);
        };

        var running = Task.Run(() => h.Send(Frames.Request(Opcode.GetAttr, Target, 9, new Le().Zeros(16))));
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)), "the handler never started");

        byte[] interruptReply = h.Send(Interrupt(Target));
        release.Release();
        byte[] targetReply = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(interruptReply);
        Assert.False(interruptedBefore);
        Assert.True(interruptedAfter);
        Assert.Equal(Replies.Ok(Target, Samples.AttrOutBytes(42)), targetReply); // the target still gets its one reply
        Assert.False(h.Processor.IsInterrupted(Target)); // finished requests are forgotten
        Assert.Equal(Replies.Status(InterruptUnique, Errno.EAGAIN), h.Send(Interrupt(Target)));
    }

    /// <summary>The interrupt reply must not touch the file system.</summary>
    [Fact]
    public void Interrupt_never_reaches_the_file_system()
    {
        var h = new Harness();
        int before = h.Fs.Calls.Count;

        h.Send(Interrupt(Target));

        Assert.Equal(before, h.Fs.Calls.Count);
    }
}
