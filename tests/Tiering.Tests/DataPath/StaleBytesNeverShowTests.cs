using System.Text;
using TieredFs.Tiering.Tests.Infrastructure;
using TieredFs.Tiering.Volume;
using VolumeT = TieredFs.Tiering.Volume.Volume;

namespace TieredFs.Tiering.Tests.DataPath;

/// <summary>
/// Whatever a data file holds where the user's file never wrote (planted here behind the running
/// volume's back, as a crash, a leftover copy or a reused inode number would leave it), a range
/// that becomes part of the file reads as zeros: a new extent, a write past the end, a truncate or
/// fallocate that grows the file.
/// </summary>
public sealed class StaleBytesNeverShowTests : IDisposable
{
    private const int E = 64 << 10;

    private readonly TempVolume _v = new(E);
    private readonly ulong _ino;
    private readonly ulong _handle;
    private readonly string _fast;

    public StaleBytesNeverShowTests()
    {
        Assert.Equal(0, _v.Volume.Create(new Caller(0, 0), VolumeT.RootIno, Encoding.ASCII.GetBytes("f"), 0x1A4, 2, out var attributes, out _handle));
        _ino = attributes.Ino;
        _fast = _v.Volume.Tiers[0].DataFilePath(_ino);
    }

    public void Dispose()
    {
        _v.Volume.Release(_handle);
        _v.Dispose();
    }

    private void Write(long offset, byte value, int length = 1)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        Assert.Equal(0, _v.Volume.Write(_handle, offset, bytes, honourAppend: false, out int written));
        Assert.Equal(length, written);
    }

    private void Truncate(long size) =>
        Assert.Equal(0, _v.Volume.SetAttributes(_ino, new AttributeUpdate(AttributeChanges.Size, 0, 0, 0, size, 0, 0, 0), out _));

    private byte[] ReadAll()
    {
        Assert.Equal(0, _v.Volume.GetAttributes(_ino, out var attributes));
        var buffer = new byte[attributes.Size];
        Assert.Equal(0, _v.Volume.Read(_handle, 0, buffer, out int read));
        Assert.Equal(buffer.Length, read);
        return buffer;
    }

    private static void AssertZeros(byte[] data, int from, int to)
    {
        int stale = data.AsSpan(from, to - from).IndexOfAnyExcept((byte)0);
        Assert.True(stale < 0, $"byte {from + stale} reads 0x{data[from + Math.Max(stale, 0)]:X2}, not zero");
    }

    [Fact]
    public void A_new_extent_over_stale_bytes_reads_zeros_around_what_was_written()
    {
        // Finding 1: 2 extents of 0xAB nobody acknowledged, then pwrite("X", 0) + ftruncate.
        DataFileProbe.Plant(_fast, 0, 2 * E, 0xAB);

        Write(0, (byte)'X');
        Truncate(2 * E);

        var data = ReadAll();
        Assert.Equal((byte)'X', data[0]);
        AssertZeros(data, 1, 2 * E);
    }

    [Fact]
    public void A_write_past_the_end_clears_the_gap_within_a_placed_extent()
    {
        Write(0, 0x11, 100);
        DataFileProbe.Plant(_fast, 100, E - 100, 0xAB);

        Write(E / 2, 0x22);

        var data = ReadAll();
        Assert.Equal(E / 2 + 1, data.Length);
        Assert.True(data.AsSpan(0, 100).IndexOfAnyExcept((byte)0x11) < 0);
        AssertZeros(data, 100, E / 2);
        Assert.Equal(0x22, data[E / 2]);
    }

    [Fact]
    public void A_truncate_that_grows_clears_the_exposed_range()
    {
        Write(0, 0x11, 100);
        DataFileProbe.Plant(_fast, 100, E - 100, 0xAB);

        Truncate(E);

        AssertZeros(ReadAll(), 100, E);
    }

    [Fact]
    public void A_fallocate_that_grows_clears_the_exposed_range()
    {
        Write(0, 0x11, 100);
        DataFileProbe.Plant(_fast, 100, 2 * E - 100, 0xAB);

        Assert.Equal(0, _v.Volume.Fallocate(_handle, 0, 2 * E, 0));

        AssertZeros(ReadAll(), 100, 2 * E);
    }

    [Fact]
    public void A_truncate_that_shrinks_discards_the_tail_of_the_last_kept_extent()
    {
        Write(0, 0x11, 2 * E);

        Truncate(100);
        Truncate(2 * E);

        AssertZeros(ReadAll(), 100, 2 * E);
    }

    [Fact]
    public void Concurrent_writes_past_the_end_never_clear_each_others_bytes()
    {
        // Each write past the end clears the gap before it; it must not clear a concurrent write's bytes.
        const int Blocks = 256, Block = 4096, Threads = 4;
        var workers = new Thread[Threads];
        int failures = 0;
        for (int t = 0; t < Threads; t++)
        {
            int lane = t;
            workers[t] = new Thread(() =>
            {
                var block = new byte[Block];
                for (int i = Blocks - 1 - lane; i >= 0; i -= Threads) // descending: most writes land past the end
                {
                    Array.Fill(block, (byte)(i % 251 + 1));
                    if (_v.Volume.Write(_handle, (long)i * Block, block, honourAppend: false, out _) != 0)
                        Interlocked.Increment(ref failures);
                }
            });
            workers[t].Start();
        }
        foreach (var worker in workers)
            worker.Join();
        Assert.Equal(0, failures);

        var data = ReadAll();
        Assert.Equal(Blocks * Block, data.Length);
        for (int i = 0; i < Blocks; i++)
            Assert.True(data.AsSpan(i * Block, Block).IndexOfAnyExcept((byte)(i % 251 + 1)) < 0, $"block {i} lost its bytes");
    }
}
