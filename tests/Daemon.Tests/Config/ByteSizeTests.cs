using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Tests.Config;

public class ByteSizeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("4096", 4096L)]
    [InlineData("4096B", 4096L)]
    [InlineData(" 64KiB ", 64L << 10)]
    [InlineData("64kib", 64L << 10)]
    [InlineData("64K", 64L << 10)]
    [InlineData("64k", 64L << 10)]
    [InlineData("64KB", 64_000L)]
    [InlineData("64kb", 64_000L)]
    [InlineData("1MiB", 1L << 20)]
    [InlineData("1M", 1L << 20)]
    [InlineData("1MB", 1_000_000L)]
    [InlineData("200GiB", 200L << 30)]
    [InlineData("200 GiB", 200L << 30)]
    [InlineData("200G", 200L << 30)]
    [InlineData("200GB", 200_000_000_000L)]
    [InlineData("1TiB", 1L << 40)]
    [InlineData("1T", 1L << 40)]
    [InlineData("4TB", 4_000_000_000_000L)]
    [InlineData("2PiB", 2L << 50)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("0.5K", 512L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Parses(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes, out var error), error);
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("", "(use e.g. 200GiB)")]
    [InlineData("GiB", "(use e.g. 200GiB)")]
    [InlineData("12XB", "(use e.g. 200GiB)")]
    [InlineData("12 X", "(use e.g. 200GiB)")]
    [InlineData("1e9", "(use e.g. 200GiB)")]
    [InlineData("+5", "(use e.g. 200GiB)")]
    [InlineData("1,000", "(use e.g. 200GiB)")]
    [InlineData("1.", "(use e.g. 200GiB)")]
    [InlineData(".5K", "(use e.g. 200GiB)")]
    [InlineData("1.2.3K", "(use e.g. 200GiB)")]
    [InlineData("0x100", "(use e.g. 200GiB)")]
    [InlineData("-1", "must not be negative")]
    [InlineData("-5GiB", "must not be negative")]
    [InlineData("1.5", "not a whole number of bytes")]
    [InlineData("1.1K", "not a whole number of bytes")]
    [InlineData("9223372036854775808", "too large")]
    [InlineData("8EiB", "(use e.g. 200GiB)")]
    [InlineData("8192PiB", "too large")]
    [InlineData("99999999999999999999999999999999999TiB", "too large")]
    public void Rejects(string text, string reason)
    {
        Assert.False(ByteSize.TryParse(text, out _, out var error));
        Assert.StartsWith($"invalid size \"{text}\"", error);
        Assert.Contains(reason, error);
    }
}
