using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TieredFs.Fuse.Protocol;

/// <summary>
/// Walks the body of one request without copying: fixed structs, NUL-terminated names, and the
/// remaining bytes. Every Try method returns false on a short frame instead of throwing, so a
/// malformed request becomes EIO rather than an exception.
/// </summary>
public ref struct ArgumentReader
{
    private ReadOnlySpan<byte> _rest;

    public ArgumentReader(ReadOnlySpan<byte> body) => _rest = body;

    public readonly ReadOnlySpan<byte> Rest => _rest;

    public bool TryRead<T>(out T value) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        if (_rest.Length < size)
        {
            value = default;
            return false;
        }
        value = MemoryMarshal.Read<T>(_rest);
        _rest = _rest.Slice(size);
        return true;
    }

    /// <summary>Reads a NUL-terminated name; the terminator is consumed but not returned.</summary>
    public bool TryReadName(out ReadOnlySpan<byte> name)
    {
        int nul = _rest.IndexOf((byte)0);
        if (nul < 0)
        {
            name = default;
            return false;
        }
        name = _rest.Slice(0, nul);
        _rest = _rest.Slice(nul + 1);
        return true;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        if ((uint)count > (uint)_rest.Length)
        {
            bytes = default;
            return false;
        }
        bytes = _rest.Slice(0, count);
        _rest = _rest.Slice(count);
        return true;
    }
}
