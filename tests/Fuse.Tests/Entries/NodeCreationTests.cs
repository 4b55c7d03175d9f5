using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Entries;

/// <summary>MKNOD, MKDIR, SYMLINK and LINK: fixed args (if any), then NUL-terminated names; reply fuse_entry_out.</summary>
public class NodeCreationTests
{
    private const ulong Unique = 0x60;

    [Fact]
    public void MkNod_decodes_mode_rdev_umask_and_name()
    {
        var h = new Harness();
        var args = new Le()
            .U32(0x21B6)   // mode: S_IFCHR|0666
            .U32(0x0103)   // rdev: makedev(1, 3)
            .U32(0x12)     // umask: 022
            .U32(0)        // padding
            .CString("null"u8);

        byte[] reply = h.Send(Frames.Request(Opcode.MkNod, Unique, 5, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.MkNod));
        Assert.Equal((5ul, Hex.Of("null"u8), 0x21B6u, 0x0103u, 0x12u), (call.NodeId, Hex.Of(call.Name), call.Mode, call.Rdev, call.Umask));
        Assert.Equal(Replies.Ok(Unique, Samples.EntryBytes(42)), reply);
    }

    [Fact]
    public void MkDir_decodes_mode_umask_and_name()
    {
        var h = new Harness();
        var args = new Le()
            .U32(0x1FF)    // mode: 0777 (the kernel sends no S_IFDIR here)
            .U32(0x12)     // umask
            .CString("dir"u8);

        byte[] reply = h.Send(Frames.Request(Opcode.MkDir, Unique, 5, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.MkDir));
        Assert.Equal((5ul, Hex.Of("dir"u8), 0x1FFu, 0x12u), (call.NodeId, Hex.Of(call.Name), call.Mode, call.Umask));
        Assert.Equal(Replies.Ok(Unique, Samples.EntryBytes(42)), reply);
    }

    /// <summary>The wire order is the new entry's name, then the target; swapping them is a classic bug.</summary>
    [Fact]
    public void Symlink_reads_name_first_then_target()
    {
        var h = new Harness();
        var args = new Le()
            .CString("link"u8)              // name of the new entry
            .CString("../some/target"u8);   // what it points to

        byte[] reply = h.Send(Frames.Request(Opcode.Symlink, Unique, 5, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Symlink));
        Assert.Equal(5ul, call.NodeId);
        Assert.Equal("link"u8.ToArray(), call.Name);
        Assert.Equal("../some/target"u8.ToArray(), call.Name2);
        Assert.Equal(Replies.Ok(Unique, Samples.EntryBytes(42)), reply);
    }

    [Fact]
    public void Symlink_without_the_target_terminator_is_EIO()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.Symlink, Unique, 5, new Le().CString("link"u8).Raw("target"u8)));

        Assert.Equal(Replies.Status(Unique, Errno.EIO), reply);
        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.Symlink)));
    }

    /// <summary>LINK: the header nodeid is the NEW parent; the existing node is in fuse_link_in.</summary>
    [Fact]
    public void Link_takes_the_old_node_from_the_body_and_the_new_parent_from_the_header()
    {
        var h = new Harness();
        var args = new Le()
            .U64(77)               // oldnodeid
            .CString("hard"u8);    // new name

        byte[] reply = h.Send(Frames.Request(Opcode.Link, Unique, nodeId: 5, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Link));
        Assert.Equal((77ul, 5ul, Hex.Of("hard"u8)), (call.NodeId, call.NodeId2, Hex.Of(call.Name)));
        Assert.Equal(Replies.Ok(Unique, Samples.EntryBytes(42)), reply);
    }
}
