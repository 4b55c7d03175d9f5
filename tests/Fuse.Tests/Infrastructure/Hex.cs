namespace TieredFs.Fuse.Tests.Infrastructure;

/// <summary>Byte arrays as hex strings, so they compare by value inside tuples.</summary>
internal static class Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static string Of(byte[]? bytes) => bytes is null ? "<null>" : Convert.ToHexString(bytes);
}
