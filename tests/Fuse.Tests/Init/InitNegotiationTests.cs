using TieredFs.Fuse.Protocol.Abi;
using TieredFs.Fuse.Session;
using TieredFs.Fuse.Tests.Infrastructure;

namespace TieredFs.Fuse.Tests.Init;

/// <summary>
/// INIT from a current kernel: we answer with our own minor (the layouts we speak are 7.38's)
/// and only the capability bits we both want and the kernel offered.
/// </summary>
public class InitNegotiationTests
{
    private const uint AsyncRead = 0x1, PosixLocks = 0x2, BigWrites = 0x20, DoReadDirPlus = 0x2000,
        WritebackCache = 0x10000, ParallelDirOps = 0x40000, MaxPages = 0x400000, InitExt = 0x40000000;

    /// <summary>What a 7.45 kernel offers, plus two bits we never want (POSIX locks, INIT_EXT).</summary>
    private const uint KernelFlags = MaxPages | BigWrites | AsyncRead | DoReadDirPlus | ParallelDirOps | WritebackCache | PosixLocks | InitExt;

    private static byte[] ExpectedInitOut(ulong unique, uint minor, uint maxReadahead, uint flags, uint maxWrite) => Replies.Ok(unique, new Le()
        .U32(7)            // major
        .U32(minor)        // minor
        .U32(maxReadahead) // max_readahead
        .U32(flags)        // flags
        .U16(64)           // max_background
        .U16(48)           // congestion_threshold
        .U32(maxWrite)     // max_write
        .U32(1)            // time_gran (ns)
        .U16(256)          // max_pages: 1 MiB / 4 KiB
        .U16(0)            // map_alignment
        .U32(0)            // flags2
        .Zeros(28));       // unused[7]

    [Fact]
    public void Kernel_7_45_gets_minor_38_1MiB_writes_and_the_flag_intersection()
    {
        var h = new Harness(initialize: false);

        byte[] reply = h.Send(Frames.Init(unique: 2, major: 7, minor: 45, maxReadahead: 128 * 1024, KernelFlags));

        const uint expectedFlags = AsyncRead | BigWrites | DoReadDirPlus | ParallelDirOps | MaxPages; // no writeback by default
        Assert.Equal(ExpectedInitOut(2, 38, 128 * 1024, expectedFlags, 1u << 20), reply);
        Assert.True(h.Processor.Initialized);
    }

    [Fact]
    public void Writeback_cache_is_negotiated_only_when_the_option_asks_for_it()
    {
        var h = new Harness(new FuseOptions { WritebackCache = true }, initialize: false);

        byte[] reply = h.Send(Frames.Init(2, 7, 45, 128 * 1024, KernelFlags));

        const uint expectedFlags = AsyncRead | BigWrites | DoReadDirPlus | ParallelDirOps | MaxPages | WritebackCache;
        Assert.Equal(ExpectedInitOut(2, 38, 128 * 1024, expectedFlags, 1u << 20), reply);
    }

    [Fact]
    public void Writeback_cache_is_not_claimed_when_the_kernel_did_not_offer_it()
    {
        var h = new Harness(new FuseOptions { WritebackCache = true }, initialize: false);

        byte[] reply = h.Send(Frames.Init(2, 7, 45, 128 * 1024, MaxPages | AsyncRead));

        Assert.Equal(ExpectedInitOut(2, 38, 128 * 1024, MaxPages | AsyncRead, 1u << 20), reply);
    }

    /// <summary>Without FUSE_MAX_PAGES the kernel caps a request at 32 pages, so max_write must fit.</summary>
    [Fact]
    public void Without_max_pages_max_write_is_128KiB()
    {
        var h = new Harness(initialize: false);

        byte[] reply = h.Send(Frames.Init(2, 7, 45, 128 * 1024, AsyncRead | BigWrites));

        Assert.Equal(ExpectedInitOut(2, 38, 128 * 1024, AsyncRead | BigWrites, 128 * 1024), reply);
    }

    /// <summary>Both sides must use the smaller minor; max_readahead is the smaller of both too.</summary>
    [Fact]
    public void An_older_kernel_minor_and_a_larger_readahead_are_clamped()
    {
        var h = new Harness(initialize: false);

        byte[] reply = h.Send(Frames.Init(2, 7, 31, 8u << 20, MaxPages));

        Assert.Equal(ExpectedInitOut(2, 31, 1u << 20, MaxPages, 1u << 20), reply);
    }

    [Fact]
    public void The_file_system_is_told_what_was_negotiated()
    {
        var h = new Harness(initialize: false);

        h.Send(Frames.Init(2, 7, 45, 128 * 1024, KernelFlags));

        var init = h.Fs.Single(nameof(IFuseFileSystem.Initialized)).Init;
        Assert.Equal(new NegotiatedInit(
            KernelMinor: 45, Minor: 38,
            Flags: InitFlags.AsyncRead | InitFlags.BigWrites | InitFlags.DoReadDirPlus | InitFlags.ParallelDirOps | InitFlags.MaxPages,
            MaxWrite: 1u << 20, MaxReadahead: 128 * 1024), init);
        Assert.Equal(init, h.Processor.Negotiated);
    }
}
