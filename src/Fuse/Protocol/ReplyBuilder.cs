using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Protocol;

/// <summary>Writes the out header (and optionally a struct body) into a reply buffer.</summary>
public static class ReplyBuilder
{
    public static readonly int HeaderSize = Unsafe.SizeOf<OutHeader>();

    /// <summary>An error (or bodiless success) reply; returns its length.</summary>
    public static int Status(Span<byte> reply, ulong unique, int errno)
    {
        var header = new OutHeader { Length = (uint)HeaderSize, Error = -errno, Unique = unique };
        MemoryMarshal.Write(reply, in header);
        return HeaderSize;
    }

    /// <summary>A success reply whose body (already in place after the header) is <paramref name="bodyLength"/> bytes.</summary>
    public static int WithBody(Span<byte> reply, ulong unique, int bodyLength)
    {
        int total = HeaderSize + bodyLength;
        var header = new OutHeader { Length = (uint)total, Error = 0, Unique = unique };
        MemoryMarshal.Write(reply, in header);
        return total;
    }

    public static int Struct<T>(Span<byte> reply, ulong unique, in T body) where T : unmanaged
    {
        MemoryMarshal.Write(reply.Slice(HeaderSize), in body);
        return WithBody(reply, unique, Unsafe.SizeOf<T>());
    }
}
