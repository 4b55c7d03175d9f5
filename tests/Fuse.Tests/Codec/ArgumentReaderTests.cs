using TieredFs.Fuse.Protocol;
using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Tests.Codec;

/// <summary>The reader every handler relies on: short input is a false, never an exception or a partial read.</summary>
public class ArgumentReaderTests
{
    [Fact]
    public void TryRead_consumes_exactly_one_struct()
    {
        byte[] body = [1, 0, 0, 0, 2, 0, 0, 0, 0xAA];
        var reader = new ArgumentReader(body);

        Assert.True(reader.TryRead(out MkDirIn args));
        Assert.Equal((1u, 2u), (args.Mode, args.Umask));
        Assert.Equal(new byte[] { 0xAA }, reader.Rest.ToArray());
    }

    [Fact]
    public void TryRead_on_a_short_body_fails_and_consumes_nothing()
    {
        byte[] body = [1, 2, 3, 4, 5, 6, 7];
        var reader = new ArgumentReader(body);

        Assert.False(reader.TryRead(out ForgetIn value));
        Assert.Equal(default, value);
        Assert.Equal(7, reader.Rest.Length);
    }

    [Fact]
    public void TryReadName_stops_at_the_first_NUL_and_consumes_it()
    {
        byte[] body = [(byte)'a', 0xFF, 0, (byte)'b', 0];
        var reader = new ArgumentReader(body);

        Assert.True(reader.TryReadName(out var first));
        Assert.Equal(new byte[] { (byte)'a', 0xFF }, first.ToArray());
        Assert.True(reader.TryReadName(out var second));
        Assert.Equal("b"u8.ToArray(), second.ToArray());
        Assert.True(reader.Rest.IsEmpty);
        Assert.False(reader.TryReadName(out _));
    }

    [Fact]
    public void Empty_name_is_a_valid_read()
    {
        var reader = new ArgumentReader(new byte[] { 0 });

        Assert.True(reader.TryReadName(out var name));
        Assert.True(name.IsEmpty);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(-1, false)] // a uint size >= 2^31 cast to int must not slip through
    public void TryReadBytes_checks_the_count_against_what_is_left(int count, bool expected)
    {
        var reader = new ArgumentReader(new byte[] { 1, 2, 3, 4 });

        Assert.Equal(expected, reader.TryReadBytes(count, out var bytes));
        Assert.Equal(expected ? count : 0, bytes.Length);
    }
}
