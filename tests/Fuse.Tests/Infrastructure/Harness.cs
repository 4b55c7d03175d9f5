using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Session;

namespace TieredFs.Fuse.Tests.Infrastructure;

/// <summary>A processor over a <see cref="RecordingFileSystem"/>, optionally already past INIT.</summary>
internal sealed class Harness
{
    /// <summary>The kernel version the harness negotiates with by default (Linux 6.14+).</summary>
    public const uint KernelMinor = 45;

    public const uint AllKernelFlags = 0xFFFF_FFFF;

    public Harness(FuseOptions? options = null, bool initialize = true)
    {
        Processor = new RequestProcessor(Fs, options ?? new FuseOptions());
        if (initialize)
        {
            byte[] reply = Send(Frames.Init(1, 7, KernelMinor, 1u << 20, AllKernelFlags));
            Assert.Equal(80, reply.Length);
        }
    }

    public RecordingFileSystem Fs { get; } = new();

    public RequestProcessor Processor { get; }

    /// <summary>Processes one frame with a fresh reply buffer; returns the reply (empty = no reply).</summary>
    public byte[] Send(byte[] frame, int replyBufferSize = (1 << 17) + 4096)
    {
        // Poison the buffer so bytes the codec forgot to write are visible.
        byte[] reply = new byte[replyBufferSize];
        reply.AsSpan().Fill(0xCC);
        int n = Processor.Process(frame, reply);
        Assert.True(n <= reply.Length, $"reply length {n} exceeds the {reply.Length}-byte reply buffer");
        return reply.AsSpan(0, n).ToArray();
    }
}
