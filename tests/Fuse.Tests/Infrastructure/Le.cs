using System.Buffers.Binary;

namespace TieredFs.Fuse.Tests.Infrastructure;

/// <summary>
/// A little-endian byte writer for hand-building request frames and expected replies field by
/// field. Deliberately independent of the ABI structs under test, so a wrong struct layout shows
/// up as a byte mismatch instead of being mirrored by the test.
/// </summary>
internal sealed class Le
{
    private readonly List<byte> _bytes = new();

    public int Length => _bytes.Count;

    public Le U16(ushort v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, v); return Raw(b); }

    public Le U32(uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); return Raw(b); }

    public Le I32(int v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); return Raw(b); }

    public Le U64(ulong v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, v); return Raw(b); }

    public Le Raw(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            _bytes.Add(b);
        return this;
    }

    public Le Zeros(int count)
    {
        for (int i = 0; i < count; i++)
            _bytes.Add(0);
        return this;
    }

    /// <summary>A name as the kernel sends it: the bytes, then one NUL.</summary>
    public Le CString(ReadOnlySpan<byte> name) => Raw(name).Zeros(1);

    public byte[] ToArray() => _bytes.ToArray();
}
