using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Entries;

/// <summary>LOOKUP: header nodeid = parent, body = name + NUL; reply fuse_entry_out.</summary>
public class LookupTests
{
    private const ulong Unique = 0x0102_0304_0506_0708;

    [Fact]
    public void Decodes_parent_name_and_caller_and_replies_entry_out()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.Lookup, Unique, nodeId: 7, new Le().CString("file.txt"u8)));

        var call = h.Fs.Single(nameof(IFuseFileSystem.Lookup));
        Assert.Equal(7ul, call.NodeId);
        Assert.Equal("file.txt"u8.ToArray(), call.Name);
        Assert.Equal(new RequestContext(Unique, Frames.Uid, Frames.Gid, Frames.Pid), call.Ctx);
        Assert.Equal(Replies.Ok(Unique, Samples.EntryBytes(42)), reply);
    }

    /// <summary>Linux names are bytes, not text: invalid UTF-8 must reach the file system untouched.</summary>
    [Fact]
    public void Non_utf8_name_round_trips_exactly()
    {
        var h = new Harness();
        byte[] name = [0xFF, 0xFE, (byte)'a', 0x80, 0xC3, 0x28];

        h.Send(Frames.Request(Opcode.Lookup, Unique, 1, new Le().CString(name)));

        Assert.Equal(name, h.Fs.Single(nameof(IFuseFileSystem.Lookup)).Name);
    }

    [Fact]
    public void Name_without_NUL_is_EIO_and_never_reaches_the_file_system()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.Lookup, Unique, 1, new Le().Raw("abc"u8)));

        Assert.Equal(Replies.Status(Unique, Errno.EIO), reply);
        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.Lookup)));
    }

    [Fact]
    public void File_system_errno_becomes_the_reply_error()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.Lookup)] = Errno.ENOENT;

        byte[] reply = h.Send(Frames.Request(Opcode.Lookup, Unique, 1, new Le().CString("x"u8)));

        Assert.Equal(new byte[] { 16, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 8, 7, 6, 5, 4, 3, 2, 1 }, reply);
    }
}
