using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Attributes;

/// <summary>
/// The xattr ops. GETXATTR/LISTXATTR follow getxattr(2): size 0 asks for the length only
/// (reply fuse_getxattr_out), otherwise the data, or ERANGE if it does not fit.
/// </summary>
public class XattrTests
{
    private const ulong Unique = 0x93;

    private static Le GetXattrIn(uint size) => new Le()
        .U32(size)  // size
        .U32(0);    // padding

    [Fact]
    public void SetXattr_decodes_name_value_and_flags()
    {
        var h = new Harness();
        byte[] value = [0x00, 0x01, 0x00, 0xFF]; // binary values contain NULs
        var args = new Le()
            .U32(4)                    // size of the value
            .U32(1)                    // flags: XATTR_CREATE
            .CString("user.k"u8)       // name
            .Raw(value);               // value (not NUL-terminated)

        byte[] reply = h.Send(Frames.Request(Opcode.SetXattr, Unique, 8, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.SetXattr));
        Assert.Equal((8ul, Hex.Of("user.k"u8), Hex.Of(value), 1), (call.NodeId, Hex.Of(call.Name), Hex.Of(call.Data), call.Flags));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    [Fact]
    public void SetXattr_value_shorter_than_size_is_EIO()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.SetXattr, Unique, 8, new Le().U32(10).U32(0).CString("user.k"u8).Raw("abc"u8)));

        Assert.Equal(Replies.Status(Unique, Errno.EIO), reply);
    }

    [Fact]
    public void GetXattr_size_0_replies_getxattr_out_with_the_length()
    {
        var h = new Harness();
        h.Fs.XattrValue = "0123456789"u8.ToArray();

        byte[] reply = h.Send(Frames.Request(Opcode.GetXattr, Unique, 8, GetXattrIn(0).CString("user.k"u8)));

        var call = h.Fs.Single(nameof(IFuseFileSystem.GetXattr));
        Assert.Equal((8ul, Hex.Of("user.k"u8), 0), (call.NodeId, Hex.Of(call.Name), call.BufferLength));
        Assert.Equal(Replies.Ok(Unique, new Le()
            .U32(10)    // size
            .U32(0)),   // padding
            reply);
    }

    [Fact]
    public void GetXattr_with_room_replies_the_value()
    {
        var h = new Harness();
        h.Fs.XattrValue = "0123456789"u8.ToArray();

        byte[] reply = h.Send(Frames.Request(Opcode.GetXattr, Unique, 8, GetXattrIn(64).CString("user.k"u8)));

        Assert.Equal(64, h.Fs.Single(nameof(IFuseFileSystem.GetXattr)).BufferLength);
        Assert.Equal(Replies.Ok(Unique, new Le().Raw("0123456789"u8)), reply);
    }

    [Fact]
    public void GetXattr_too_small_is_ERANGE()
    {
        var h = new Harness();
        h.Fs.XattrValue = "0123456789"u8.ToArray();

        byte[] reply = h.Send(Frames.Request(Opcode.GetXattr, Unique, 8, GetXattrIn(9).CString("user.k"u8)));

        Assert.Equal(Replies.Status(Unique, Errno.ERANGE), reply);
    }

    [Fact]
    public void GetXattr_missing_attribute_is_ENODATA()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.GetXattr)] = Errno.ENODATA;

        Assert.Equal(Replies.Status(Unique, Errno.ENODATA), h.Send(Frames.Request(Opcode.GetXattr, Unique, 8, GetXattrIn(0).CString("user.k"u8))));
    }

    [Fact]
    public void ListXattr_size_0_then_data_then_ERANGE()
    {
        var h = new Harness();
        h.Fs.XattrNames = "user.a\0user.bb\0"u8.ToArray(); // 15 bytes

        byte[] sizeOnly = h.Send(Frames.Request(Opcode.ListXattr, Unique, 8, GetXattrIn(0)));
        byte[] data = h.Send(Frames.Request(Opcode.ListXattr, Unique, 8, GetXattrIn(15)));
        byte[] tooSmall = h.Send(Frames.Request(Opcode.ListXattr, Unique, 8, GetXattrIn(14)));

        Assert.Equal(Replies.Ok(Unique, new Le().U32(15).U32(0)), sizeOnly);
        Assert.Equal(Replies.Ok(Unique, new Le().Raw("user.a\0user.bb\0"u8)), data);
        Assert.Equal(Replies.Status(Unique, Errno.ERANGE), tooSmall);
        Assert.Equal([0, 15, 14], h.Fs.Calls.Where(c => c.Method == nameof(IFuseFileSystem.ListXattr)).Select(c => c.BufferLength));
    }

    [Fact]
    public void RemoveXattr_decodes_name()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.RemoveXattr, Unique, 8, new Le().CString("user.k"u8)));

        var call = h.Fs.Single(nameof(IFuseFileSystem.RemoveXattr));
        Assert.Equal((8ul, Hex.Of("user.k"u8)), (call.NodeId, Hex.Of(call.Name)));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }
}
