using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Directories;

/// <summary>READDIRPLUS: each record is fuse_entry_out (128 bytes) followed by a fuse_dirent.</summary>
public class ReadDirPlusTests
{
    private const ulong Unique = 0x82;
    private const uint DtReg = 8;

    [Fact]
    public void Records_are_entry_out_then_dirent_and_stop_when_full()
    {
        var h = new Harness();
        h.Fs.Directory.Add(new DirEntry("a"u8.ToArray(), 10, DtReg, Samples.Entry(10)));
        h.Fs.Directory.Add(new DirEntry("bb"u8.ToArray(), 11, DtReg, Samples.Entry(11)));
        h.Fs.Directory.Add(new DirEntry("ccc"u8.ToArray(), 12, DtReg, Samples.Entry(12)));

        // Each record is 128 + 32 = 160 bytes; 330 bytes hold two.
        byte[] reply = h.Send(Frames.Request(Opcode.ReadDirPlus, Unique, 5, Frames.ReadIn(0xD0, 0, 330)));

        Assert.True(h.Fs.Single(nameof(IFuseFileSystem.ReadDir)).DataOnly, "the writer must be in plus mode");
        var body = new Le()
            .Raw(Samples.EntryBytes(10).ToArray()).Raw(ReadDirTests.Dirent(10, 1, DtReg, "a"u8).ToArray())
            .Raw(Samples.EntryBytes(11).ToArray()).Raw(ReadDirTests.Dirent(11, 2, DtReg, "bb"u8).ToArray());
        Assert.Equal(16 + 320, reply.Length);
        Assert.Equal(Replies.Ok(Unique, body), reply);
    }
}
