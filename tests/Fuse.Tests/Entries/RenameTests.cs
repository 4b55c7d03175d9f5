using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Entries;

/// <summary>RENAME (fuse_rename_in, 8 bytes) and RENAME2 (fuse_rename2_in, 16 bytes, with flags).</summary>
public class RenameTests
{
    private const ulong Unique = 0x62;

    [Fact]
    public void Rename_decodes_both_parents_and_names_with_flags_0()
    {
        var h = new Harness();
        var args = new Le()
            .U64(9)               // newdir
            .CString("old"u8)     // oldname
            .CString("new"u8);    // newname

        byte[] reply = h.Send(Frames.Request(Opcode.Rename, Unique, 5, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Rename));
        Assert.Equal((5ul, Hex.Of("old"u8), 9ul, Hex.Of("new"u8), 0), (call.NodeId, Hex.Of(call.Name), call.NodeId2, Hex.Of(call.Name2), call.Flags));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    [Theory]
    [InlineData(1u)] // RENAME_NOREPLACE
    [InlineData(2u)] // RENAME_EXCHANGE
    [InlineData(4u)] // RENAME_WHITEOUT
    public void Rename2_passes_the_flags(uint flags)
    {
        var h = new Harness();
        var args = new Le()
            .U64(9)               // newdir
            .U32(flags)           // flags
            .U32(0)               // padding
            .CString("a"u8)       // oldname
            .CString("b"u8);      // newname

        byte[] reply = h.Send(Frames.Request(Opcode.Rename2, Unique, 5, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Rename));
        Assert.Equal((5ul, Hex.Of("a"u8), 9ul, Hex.Of("b"u8), (int)flags), (call.NodeId, Hex.Of(call.Name), call.NodeId2, Hex.Of(call.Name2), call.Flags));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    [Fact]
    public void Missing_new_name_is_EIO()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.Rename, Unique, 5, new Le().U64(9).CString("old"u8)));

        Assert.Equal(Replies.Status(Unique, Errno.EIO), reply);
        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.Rename)));
    }
}
