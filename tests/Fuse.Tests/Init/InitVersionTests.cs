using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Init;

/// <summary>The version rules of INIT (fuse.h, "Version negotiation").</summary>
public class InitVersionTests
{
    /// <summary>We rely on 7.31 features (max_pages, ...); an older kernel is refused.</summary>
    [Fact]
    public void Kernel_minor_below_31_is_refused_with_EPROTO()
    {
        var h = new Harness(initialize: false);

        byte[] reply = h.Send(Frames.Init(2, 7, 30, 128 * 1024, 0));

        Assert.Equal(new byte[] { 16, 0, 0, 0, 0xB9, 0xFF, 0xFF, 0xFF, 2, 0, 0, 0, 0, 0, 0, 0 }, reply); // -71
        Assert.Equal(Replies.Status(2, Errno.EPROTO), reply);
        Assert.False(h.Processor.Initialized);
        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.Initialized)));
    }

    [Fact]
    public void Major_6_is_refused_with_EPROTO()
    {
        var h = new Harness(initialize: false);

        Assert.Equal(Replies.Status(2, Errno.EPROTO), h.Send(Frames.Init(2, 6, 99, 0, 0)));
        Assert.False(h.Processor.Initialized);
    }

    /// <summary>
    /// A newer major is not an error: we answer with our major (and no error) so the kernel can
    /// retry INIT with 7.x; the session stays uninitialised until then.
    /// </summary>
    [Fact]
    public void Major_8_is_answered_with_major_7_and_no_error()
    {
        var h = new Harness(initialize: false);

        byte[] reply = h.Send(Frames.Init(2, 8, 0, 128 * 1024, 0xFFFF_FFFF));

        var expected = Replies.Ok(2, new Le()
            .U32(7)       // major
            .U32(38)      // minor: ours
            .Zeros(56));  // everything else is ignored by the kernel
        Assert.Equal(expected, reply);
        Assert.False(h.Processor.Initialized);

        // The retry with 7.x completes the handshake.
        Assert.Equal(80, h.Send(Frames.Init(3, 7, 45, 128 * 1024, 0)).Length);
        Assert.True(h.Processor.Initialized);
    }
}
