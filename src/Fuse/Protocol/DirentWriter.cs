using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Protocol;

/// <summary>
/// Packs fuse_dirent / fuse_direntplus records into the reply buffer until the kernel's size
/// limit is reached. <see cref="TryAdd"/> returns false when the next entry does not fit, which
/// tells the file system to stop; the kernel will ask again from that entry's offset.
/// </summary>
public ref struct DirentWriter
{
    private readonly Span<byte> _buffer;
    private int _length;
    private int _count;

    public DirentWriter(Span<byte> buffer, bool plus)
    {
        _buffer = buffer;
        Plus = plus;
    }

    /// <summary>True for READDIRPLUS: each entry carries attributes and counts as a lookup.</summary>
    public bool Plus { get; }

    public readonly int Length => _length;

    public readonly int Count => _count;

    /// <param name="nextOffset">The offset the kernel passes back to continue after this entry.</param>
    /// <param name="type">DT_* value (the S_IFMT bits of the mode shifted right by 12).</param>
    /// <param name="entry">Required when <see cref="Plus"/>; NodeId 0 means "attributes unknown".</param>
    public bool TryAdd(ReadOnlySpan<byte> name, ulong ino, long nextOffset, uint type, in EntryOut entry)
    {
        int headerSize = Unsafe.SizeOf<DirentHeader>();
        int entrySize = Plus ? Unsafe.SizeOf<EntryOut>() : 0;
        int recordSize = entrySize + Align8(headerSize + name.Length);
        if (_length + recordSize > _buffer.Length)
            return false;

        Span<byte> record = _buffer.Slice(_length, recordSize);
        if (Plus)
            MemoryMarshal.Write(record, in entry);
        var header = new DirentHeader { Ino = ino, Offset = (ulong)nextOffset, NameLength = (uint)name.Length, Type = type };
        MemoryMarshal.Write(record.Slice(entrySize), in header);
        name.CopyTo(record.Slice(entrySize + headerSize));
        record.Slice(entrySize + headerSize + name.Length).Clear();
        _length += recordSize;
        _count++;
        return true;
    }

    private static int Align8(int n) => (n + 7) & ~7;
}
