using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Directories;

/// <summary>OPENDIR, RELEASEDIR and FSYNCDIR reuse the file structs (open_in, release_in, fsync_in).</summary>
public class DirHandleTests
{
    private const ulong Unique = 0x80;

    [Fact]
    public void OpenDir_decodes_flags_and_replies_open_out()
    {
        var h = new Harness();
        var args = new Le()
            .U32(0x18800)  // flags: O_RDONLY|O_NONBLOCK|O_DIRECTORY|O_LARGEFILE
            .U32(0);       // open_flags

        byte[] reply = h.Send(Frames.Request(Opcode.OpenDir, Unique, 5, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.OpenDir));
        Assert.Equal((5ul, 0x18800), (call.NodeId, call.Flags));
        Assert.Equal(Replies.Ok(Unique, Samples.OpenBytes(0xF00D)), reply);
    }

    [Fact]
    public void ReleaseDir_decodes_fh()
    {
        var h = new Harness();
        var args = new Le()
            .U64(0xD1)     // fh
            .U32(0x18800)  // flags
            .U32(0)        // release_flags
            .U64(0);       // lock_owner

        byte[] reply = h.Send(Frames.Request(Opcode.ReleaseDir, Unique, 5, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.ReleaseDir));
        Assert.Equal((5ul, 0xD1ul), (call.NodeId, call.Fh));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }

    [Theory]
    [InlineData(0u, false)]
    [InlineData(1u, true)]
    public void FsyncDir_goes_to_FsyncDir_not_Fsync(uint fsyncFlags, bool dataOnly)
    {
        var h = new Harness();
        var args = new Le()
            .U64(0xD2)         // fh
            .U32(fsyncFlags)   // fsync_flags
            .U32(0);           // padding

        byte[] reply = h.Send(Frames.Request(Opcode.FsyncDir, Unique, 5, args));

        var call = h.Fs.Single(nameof(IFuseFileSystem.FsyncDir));
        Assert.Equal((5ul, 0xD2ul, dataOnly), (call.NodeId, call.Fh, call.DataOnly));
        Assert.Equal(0, h.Fs.CountOf(nameof(IFuseFileSystem.Fsync)));
        Assert.Equal(Replies.Status(Unique, 0), reply);
    }
}
