using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Malformed;

/// <summary>
/// A frame too short for its opcode's arguments must become an EIO reply (so the caller is not
/// left waiting) and never an exception or a call with garbage. Every prefix of the fixed part
/// is tried, from an empty body up to one byte short.
/// </summary>
public class TruncatedFrameTests
{
    private const ulong Unique = 0xE0;

    /// <summary>Opcode and the size of the fixed struct that must precede anything else.</summary>
    public static TheoryData<Opcode, int> StructBearingOpcodes => new()
    {
        { Opcode.SetAttr, 88 },
        { Opcode.MkNod, 16 },
        { Opcode.MkDir, 8 },
        { Opcode.Rename, 8 },
        { Opcode.Rename2, 16 },
        { Opcode.Link, 8 },
        { Opcode.Open, 8 },
        { Opcode.Create, 16 },
        { Opcode.Read, 40 },
        { Opcode.Write, 40 },
        { Opcode.Flush, 24 },
        { Opcode.Release, 24 },
        { Opcode.Fsync, 16 },
        { Opcode.OpenDir, 8 },
        { Opcode.ReadDir, 40 },
        { Opcode.ReadDirPlus, 40 },
        { Opcode.ReleaseDir, 24 },
        { Opcode.FsyncDir, 16 },
        { Opcode.SetXattr, 8 },
        { Opcode.GetXattr, 8 },
        { Opcode.ListXattr, 8 },
        { Opcode.Access, 8 },
        { Opcode.Fallocate, 32 },
        { Opcode.Lseek, 24 },
        { Opcode.CopyFileRange, 56 },
    };

    [Theory]
    [MemberData(nameof(StructBearingOpcodes))]
    public void Every_truncation_of_the_fixed_args_is_EIO(Opcode op, int structSize)
    {
        var h = new Harness();
        int callsAfterInit = h.Fs.Calls.Count;

        for (int length = 0; length < structSize; length++)
        {
            // Non-zero filler, so no accidental NUL makes a name parse succeed.
            byte[] body = Enumerable.Repeat((byte)0x41, length).ToArray();

            byte[] reply = h.Send(Frames.Request(op, Unique, 5, new Le().Raw(body)));

            Assert.True(Replies.Status(Unique, Errno.EIO).AsSpan().SequenceEqual(reply), $"{op} with {length} of {structSize} bytes");
        }
        Assert.Equal(callsAfterInit, h.Fs.Calls.Count);
    }

    /// <summary>INIT's 16-byte prefix is required too (sent before the handshake, as INIT always is).</summary>
    [Fact]
    public void Truncated_INIT_is_EIO()
    {
        for (int length = 0; length < 16; length++)
        {
            var h = new Harness(initialize: false);

            byte[] reply = h.Send(Frames.Request(Opcode.Init, Unique, 0, new Le().Zeros(length)));

            Assert.Equal(Replies.Status(Unique, Errno.EIO), reply);
            Assert.False(h.Processor.Initialized);
        }
    }

    /// <summary>Opcodes whose body after the struct is a name: a struct without a terminated name is EIO.</summary>
    public static TheoryData<Opcode, byte[]> StructThenUnterminatedName => new()
    {
        { Opcode.Lookup, "abc"u8.ToArray() },
        { Opcode.Unlink, "abc"u8.ToArray() },
        { Opcode.RmDir, "abc"u8.ToArray() },
        { Opcode.RemoveXattr, "abc"u8.ToArray() },
        { Opcode.MkNod, new Le().Zeros(16).Raw("abc"u8).ToArray() },
        { Opcode.MkDir, new Le().Zeros(8).Raw("abc"u8).ToArray() },
        { Opcode.Create, new Le().Zeros(16).Raw("abc"u8).ToArray() },
        { Opcode.Link, new Le().U64(42).Raw("abc"u8).ToArray() },
        { Opcode.Rename2, new Le().U64(9).U64(0).CString("a"u8).Raw("b"u8).ToArray() },
        { Opcode.GetXattr, new Le().U32(0).U32(0).Raw("user.x"u8).ToArray() },
        { Opcode.SetXattr, new Le().U32(0).U32(0).Raw("user.x"u8).ToArray() },
    };

    [Theory]
    [MemberData(nameof(StructThenUnterminatedName))]
    public void Missing_name_terminator_is_EIO(Opcode op, byte[] body)
    {
        var h = new Harness();
        int callsAfterInit = h.Fs.Calls.Count;

        Assert.Equal(Replies.Status(Unique, Errno.EIO), h.Send(Frames.Request(op, Unique, 5, new Le().Raw(body))));
        Assert.Equal(callsAfterInit, h.Fs.Calls.Count);
    }

    /// <summary>FORGET, BATCH_FORGET and INTERRUPT take no (error) reply from us, even when malformed.</summary>
    [Theory]
    [InlineData(Opcode.Forget, 7)]
    [InlineData(Opcode.BatchForget, 7)]
    [InlineData(Opcode.Interrupt, 7)]
    public void Truncated_no_reply_opcodes_are_dropped(Opcode op, int maxLength)
    {
        var h = LookedUpOnce();

        for (int length = 0; length <= maxLength; length++)
            Assert.Empty(h.Send(Frames.Request(op, Unique | 1, 42, new Le().Raw(Enumerable.Repeat((byte)1, length).ToArray()))));
        Assert.Equal(1, h.Processor.Lookups.Get(42));
    }

    /// <summary>A batch whose last forget_one is cut short applies the complete ones only.</summary>
    [Fact]
    public void BatchForget_with_a_truncated_entry_applies_only_complete_entries()
    {
        var h = LookedUpOnce();
        var args = new Le().U32(2).U32(0).U64(42).U64(1).U64(43).U32(1); // second entry 12 of 16 bytes

        Assert.Empty(h.Send(Frames.Request(Opcode.BatchForget, Unique, 0, args)));
        Assert.Equal(1, h.Fs.CountOf(nameof(IFuseFileSystem.Forget)));
    }

    private static Harness LookedUpOnce()
    {
        var h = new Harness();
        h.Send(Frames.Request(Opcode.Lookup, 0x10, 1, new Le().CString("f"u8)));
        return h;
    }
}
