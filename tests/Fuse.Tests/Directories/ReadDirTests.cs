using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Protocol.Abi;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Directories;

/// <summary>
/// READDIR: fuse_dirent records (24-byte header + name, zero-padded to 8 bytes) packed back to
/// back; an entry that does not fit in read_in.size ends the reply and is served next time.
/// </summary>
public class ReadDirTests
{
    private const ulong Unique = 0x81;
    private const uint DtDir = 4, DtReg = 8;

    private static void Populate(RecordingFileSystem fs)
    {
        fs.Directory.Add(new DirEntry("."u8.ToArray(), 5, DtDir, default));
        fs.Directory.Add(new DirEntry(".."u8.ToArray(), 1, DtDir, default));
        fs.Directory.Add(new DirEntry("a"u8.ToArray(), 10, DtReg, default));
        fs.Directory.Add(new DirEntry("eightchr"u8.ToArray(), 11, DtReg, default));
        fs.Directory.Add(new DirEntry("ninechars"u8.ToArray(), 12, DtReg, default));
    }

    /// <summary>One fuse_dirent: ino, off (of the NEXT entry), namelen, type, name, padding.</summary>
    internal static Le Dirent(ulong ino, ulong nextOffset, uint type, ReadOnlySpan<byte> name)
    {
        int padding = (8 - (24 + name.Length) % 8) % 8;
        return new Le()
            .U64(ino)                 // ino
            .U64(nextOffset)          // off
            .U32((uint)name.Length)   // namelen
            .U32(type)                // type
            .Raw(name)                // name (no NUL)
            .Zeros(padding);          // to an 8-byte boundary
    }

    [Fact]
    public void Packs_all_entries_with_8_byte_alignment()
    {
        var h = new Harness();
        Populate(h.Fs);

        byte[] reply = h.Send(Frames.Request(Opcode.ReadDir, Unique, 5, Frames.ReadIn(fh: 0xD0, offset: 0, size: 4096)));

        var call = h.Fs.Single(nameof(IFuseFileSystem.ReadDir));
        Assert.Equal((5ul, 0xD0ul, 0L, false), (call.NodeId, call.Fh, call.Offset, call.DataOnly));
        var body = new Le()
            .Raw(Dirent(5, 1, DtDir, "."u8).ToArray())           // 25 -> 32 bytes
            .Raw(Dirent(1, 2, DtDir, ".."u8).ToArray())          // 26 -> 32
            .Raw(Dirent(10, 3, DtReg, "a"u8).ToArray())          // 25 -> 32
            .Raw(Dirent(11, 4, DtReg, "eightchr"u8).ToArray())   // 32 exactly, no padding
            .Raw(Dirent(12, 5, DtReg, "ninechars"u8).ToArray()); // 33 -> 40
        Assert.Equal(16 + 168, reply.Length);
        Assert.Equal(Replies.Ok(Unique, body), reply);
    }

    [Fact]
    public void Stops_before_the_entry_that_does_not_fit_and_resumes_from_its_offset()
    {
        var h = new Harness();
        Populate(h.Fs);

        // 100 bytes hold three 32-byte records; the fourth would need 128.
        byte[] first = h.Send(Frames.Request(Opcode.ReadDir, Unique, 5, Frames.ReadIn(0xD0, 0, 100)));
        byte[] second = h.Send(Frames.Request(Opcode.ReadDir, Unique + 1, 5, Frames.ReadIn(0xD0, 3, 100)));

        Assert.Equal(Replies.Ok(Unique, new Le()
            .Raw(Dirent(5, 1, DtDir, "."u8).ToArray())
            .Raw(Dirent(1, 2, DtDir, ".."u8).ToArray())
            .Raw(Dirent(10, 3, DtReg, "a"u8).ToArray())), first);
        Assert.Equal(3L, h.Fs.Calls.Last().Offset);
        Assert.Equal(Replies.Ok(Unique + 1, new Le()
            .Raw(Dirent(11, 4, DtReg, "eightchr"u8).ToArray())
            .Raw(Dirent(12, 5, DtReg, "ninechars"u8).ToArray())), second);
    }

    [Fact]
    public void End_of_directory_is_an_empty_reply()
    {
        var h = new Harness();
        Populate(h.Fs);

        Assert.Equal(Replies.Status(Unique, 0), h.Send(Frames.Request(Opcode.ReadDir, Unique, 5, Frames.ReadIn(0xD0, 5, 4096))));
    }

    [Fact]
    public void Error_reply()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.ReadDir)] = Errno.EBADF;

        Assert.Equal(Replies.Status(Unique, Errno.EBADF), h.Send(Frames.Request(Opcode.ReadDir, Unique, 5, Frames.ReadIn(0xD0, 0, 4096))));
    }

    /// <summary>The writer itself: exact fit is accepted, one byte short is refused and leaves no trace.</summary>
    [Fact]
    public void Writer_accepts_an_exact_fit_and_refuses_one_byte_less()
    {
        Span<byte> exact = stackalloc byte[32];
        var fits = new DirentWriter(exact, plus: false);
        Assert.True(fits.TryAdd("a"u8, 1, 1, DtReg, default(EntryOut)));
        Assert.Equal((32, 1), (fits.Length, fits.Count));

        Span<byte> small = stackalloc byte[31];
        var full = new DirentWriter(small, plus: false);
        Assert.False(full.TryAdd("a"u8, 1, 1, DtReg, default(EntryOut)));
        Assert.Equal((0, 0), (full.Length, full.Count));
    }
}
