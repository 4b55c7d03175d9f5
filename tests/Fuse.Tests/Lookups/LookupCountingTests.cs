using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Lookups;

/// <summary>
/// Every successful entry reply hands the kernel one reference (nlookup) that it later returns
/// with FORGET. Miscounting either leaks nodes or drops ones the kernel still uses.
/// </summary>
public class LookupCountingTests
{
    [Fact]
    public void Each_successful_LOOKUP_counts_once()
    {
        var h = new Harness();

        h.Send(Frames.Request(Opcode.Lookup, 0x100, 1, new Le().CString("f"u8)));
        h.Send(Frames.Request(Opcode.Lookup, 0x102, 1, new Le().CString("f"u8)));

        Assert.Equal(2, h.Processor.Lookups.Get(42));
    }

    [Fact]
    public void A_failed_LOOKUP_does_not_count()
    {
        var h = new Harness();
        h.Fs.Errors[nameof(IFuseFileSystem.Lookup)] = Errno.ENOENT;

        h.Send(Frames.Request(Opcode.Lookup, 0x100, 1, new Le().CString("f"u8)));

        Assert.Equal(0, h.Processor.Lookups.TrackedNodes);
    }

    /// <summary>Node id 0 is a negative entry (cached ENOENT); the root is never forgotten.</summary>
    [Theory]
    [InlineData(0ul)]
    [InlineData(1ul)]
    public void Node_0_and_the_root_are_not_counted(ulong nodeId)
    {
        var h = new Harness();
        h.Fs.Entry = Samples.Entry(nodeId);

        h.Send(Frames.Request(Opcode.Lookup, 0x100, 1, new Le().CString(".."u8)));

        Assert.Equal(0, h.Processor.Lookups.TrackedNodes);
    }

    public static TheoryData<Opcode, byte[]> EntryCreatingFrames => new()
    {
        { Opcode.Create, new Le().U32(0x41).U32(0x81A4).U32(0x12).U32(0).CString("c"u8).ToArray() },
        { Opcode.MkDir, new Le().U32(0x1FF).U32(0x12).CString("d"u8).ToArray() },
        { Opcode.MkNod, new Le().U32(0x11A4).U32(0).U32(0x12).U32(0).CString("p"u8).ToArray() },
        { Opcode.Symlink, new Le().CString("s"u8).CString("t"u8).ToArray() },
        { Opcode.Link, new Le().U64(42).CString("l"u8).ToArray() },
    };

    [Theory]
    [MemberData(nameof(EntryCreatingFrames))]
    public void Entry_creating_ops_count_once(Opcode op, byte[] args)
    {
        var h = new Harness();

        h.Send(Frames.Request(op, 0x100, 5, new Le().Raw(args)));

        Assert.Equal(1, h.Processor.Lookups.Get(42));
    }

    /// <summary>The kernel takes a reference for each READDIRPLUS entry except ".", ".." and node id 0.</summary>
    [Fact]
    public void ReadDirPlus_counts_real_entries_but_not_dot_dotdot_node_0_or_root()
    {
        var h = new Harness();
        h.Fs.Directory.Add(new DirEntry("."u8.ToArray(), 5, 4, Samples.Entry(5)));
        h.Fs.Directory.Add(new DirEntry(".."u8.ToArray(), 3, 4, Samples.Entry(3)));
        h.Fs.Directory.Add(new DirEntry("a"u8.ToArray(), 10, 8, Samples.Entry(10)));
        h.Fs.Directory.Add(new DirEntry("unknown"u8.ToArray(), 11, 8, Samples.Entry(0)));
        h.Fs.Directory.Add(new DirEntry("root"u8.ToArray(), 1, 4, Samples.Entry(1)));
        h.Fs.Directory.Add(new DirEntry("..a"u8.ToArray(), 12, 8, Samples.Entry(12))); // starts with ".." but is a real name

        h.Send(Frames.Request(Opcode.ReadDirPlus, 0x100, 5, Frames.ReadIn(0xD0, 0, 4096)));

        Assert.Equal(0, h.Processor.Lookups.Get(5));
        Assert.Equal(0, h.Processor.Lookups.Get(3));
        Assert.Equal(1, h.Processor.Lookups.Get(10));
        Assert.Equal(1, h.Processor.Lookups.Get(12));
        Assert.Equal(2, h.Processor.Lookups.TrackedNodes);
    }

    /// <summary>Entries that did not fit were not sent, so they must not be counted.</summary>
    [Fact]
    public void ReadDirPlus_counts_only_entries_that_fit()
    {
        var h = new Harness();
        h.Fs.Directory.Add(new DirEntry("a"u8.ToArray(), 10, 8, Samples.Entry(10)));
        h.Fs.Directory.Add(new DirEntry("b"u8.ToArray(), 11, 8, Samples.Entry(11)));

        h.Send(Frames.Request(Opcode.ReadDirPlus, 0x100, 5, Frames.ReadIn(0xD0, 0, 200)));

        Assert.Equal(1, h.Processor.Lookups.Get(10));
        Assert.Equal(0, h.Processor.Lookups.Get(11));
    }

    [Fact]
    public void Plain_ReadDir_does_not_count()
    {
        var h = new Harness();
        h.Fs.Directory.Add(new DirEntry("a"u8.ToArray(), 10, 8, Samples.Entry(10)));

        h.Send(Frames.Request(Opcode.ReadDir, 0x100, 5, Frames.ReadIn(0xD0, 0, 4096)));

        Assert.Equal(0, h.Processor.Lookups.TrackedNodes);
    }
}
