using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Attributes;

/// <summary>GETATTR: fuse_getattr_in's fh is meaningful only with FUSE_GETATTR_FH (fstat).</summary>
public class GetAttrTests
{
    private const ulong Unique = 0x51;

    private static Le GetAttrIn(uint flags, ulong fh) => new Le()
        .U32(flags) // getattr_flags
        .U32(0)     // dummy
        .U64(fh);   // fh

    [Fact]
    public void Without_the_fh_flag_no_handle_is_passed()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.GetAttr, Unique, 9, GetAttrIn(0, 0xDEAD)));

        var call = h.Fs.Single(nameof(IFuseFileSystem.GetAttr));
        Assert.Equal(9ul, call.NodeId);
        Assert.Null(call.OptionalFh);
        Assert.Equal(Replies.Ok(Unique, Samples.AttrOutBytes(42)), reply);
    }

    [Fact]
    public void With_FUSE_GETATTR_FH_the_handle_is_passed()
    {
        var h = new Harness();

        h.Send(Frames.Request(Opcode.GetAttr, Unique, 9, GetAttrIn(1, 0xDEAD)));

        Assert.Equal(0xDEADul, h.Fs.Single(nameof(IFuseFileSystem.GetAttr)).OptionalFh);
    }

    [Fact]
    public void Error_reply()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.GetAttr)] = 116; // ESTALE: not in Errno, must pass through anyway

        Assert.Equal(Replies.Status(Unique, 116), h.Send(Frames.Request(Opcode.GetAttr, Unique, 9, GetAttrIn(0, 0))));
    }
}
