using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Attributes;

/// <summary>STATFS has no body; the reply is fuse_statfs_out (= fuse_kstatfs, 80 bytes).</summary>
public class StatFsTests
{
    private const ulong Unique = 0x90;

    [Fact]
    public void Replies_kstatfs()
    {
        var h = new Harness();

        byte[] reply = h.Send(Frames.Request(Opcode.StatFs, Unique, 1));

        Assert.Equal(1ul, h.Fs.Single(nameof(IFuseFileSystem.StatFs)).NodeId);
        Assert.Equal(16 + 80, reply.Length);
        Assert.Equal(Replies.Ok(Unique, Samples.StatFsBytes()), reply);
    }
}
