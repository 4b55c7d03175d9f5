using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Malformed;

/// <summary>
/// fuse_in_header.total_extlen (7.38) counts 8-byte units of extensions (security context,
/// supplementary groups) that the kernel appends as the LAST in-argument (fs/fuse/dir.c
/// get_create_ext: args->ext_idx = args->in_numargs++), i.e. at the END of the frame. The
/// arguments therefore still start right after the header and end total_extlen * 8 bytes early.
/// Today we never negotiate FUSE_SECURITY_CTX / FUSE_CREATE_SUPP_GROUP, so the kernel sends 0,
/// but the codec must not misparse or throw when the field is set.
/// </summary>
public class RequestExtensionTests
{
    private const ulong Unique = 0xE8;

    [Fact]
    public void Arguments_start_after_the_header_and_extensions_are_at_the_end()
    {
        var h = new Harness();
        var args = new Le()
            .U32(0x1ED)          // mkdir_in.mode: 0755
            .U32(0x12)           // mkdir_in.umask
            .CString("dir"u8)    // name
            .U32(16)             // fuse_ext_header.size (header + payload)
            .U32(2)              // fuse_ext_header.type: FUSE_EXT_GROUPS
            .U32(1)              // fuse_supp_groups.nr_groups
            .U32(100);           // groups[0]

        byte[] reply = h.Send(Frames.Request(Opcode.MkDir, Unique, 5, args, totalExtLength: 2));

        var call = h.Fs.Single(nameof(IFuseFileSystem.MkDir));
        Assert.Equal((0x1EDu, 0x12u, Hex.Of("dir"u8)), (call.Mode, call.Umask, Hex.Of(call.Name)));
        Assert.Equal(Replies.Ok(Unique, Samples.EntryBytes(42)), reply);
    }

    /// <summary>The header is sane (len fits the buffer), so there is a unique to answer: EIO, not an exception.</summary>
    [Fact]
    public void Extension_length_beyond_the_body_is_EIO_not_an_exception()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.Lookup, Unique, 1, new Le().CString("f"u8), totalExtLength: 1));

        Assert.Equal(Replies.Status(Unique, Errno.EIO), reply);
    }
}
