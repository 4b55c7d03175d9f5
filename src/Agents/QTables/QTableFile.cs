using System.Buffers.Binary;
using System.Text;
using TieredFs.Agents.Learning;

namespace TieredFs.Agents.QTables;

/// <summary>
/// Small versioned, checksummed binary format for an agent's Q-tables.
/// Layout (little endian):
/// <code>
///   "TFQT"            magic, 4 bytes
///   u16 version       currently 1
///   u8  kindLength, kind (ASCII)   which agent wrote it, e.g. "harmonia-placement"
///   u16 tableCount
///   per table: u8 stateBits, u8 actionBits, float32 × 2^(stateBits+actionBits)
///   u32 crc32         over every byte before it
/// </code>
/// Loading checks everything and throws <see cref="InvalidDataException"/> with the reason, so a
/// torn or foreign file never silently becomes a policy.
/// </summary>
public static class QTableFile
{
    public const ushort Version = 1;
    private static ReadOnlySpan<byte> Magic => "TFQT"u8;
    private const int MaxFileBytes = 4 * 1024 * 1024;

    public static void Save(Stream destination, string kind, ReadOnlySpan<QTable> tables)
    {
        ArgumentNullException.ThrowIfNull(destination);
        byte[] kindBytes = Encoding.ASCII.GetBytes(kind);
        if (kindBytes.Length > 255) throw new ArgumentException("kind too long", nameof(kind));
        using var buffer = new MemoryStream();
        var w = new BinaryWriter(buffer);
        w.Write(Magic);
        w.Write(Version);
        w.Write((byte)kindBytes.Length);
        w.Write(kindBytes);
        w.Write((ushort)tables.Length);
        foreach (QTable t in tables)
        {
            w.Write((byte)t.StateBits);
            w.Write((byte)t.ActionBits);
            foreach (float v in t.Values) w.Write(v);
        }
        w.Flush();
        uint crc = Crc32.Compute(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        w.Write(crc);
        w.Flush();
        destination.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a file written by <see cref="Save"/> into tables of the same shapes.</summary>
    public static void Load(Stream source, string kind, ReadOnlySpan<QTable> tables)
    {
        ArgumentNullException.ThrowIfNull(source);
        byte[] data = ReadBounded(source);
        if (data.Length < Magic.Length + 2 + 1 + 2 + 4) Fail("file is truncated");
        if (!data.AsSpan(0, 4).SequenceEqual(Magic)) Fail("not a tiered-fs Q-table file (bad magic)");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(data.Length - 4));
        uint actual = Crc32.Compute(data.AsSpan(0, data.Length - 4));
        if (stored != actual) Fail($"checksum mismatch (stored {stored:x8}, computed {actual:x8}): the file is corrupt");

        try
        {
            LoadVerified(data, kind, tables);
        }
        catch (EndOfStreamException)
        {
            Fail("a table ends before its declared size");
        }
    }

    private static void LoadVerified(byte[] data, string kind, ReadOnlySpan<QTable> tables)
    {
        var r = new BinaryReader(new MemoryStream(data, 0, data.Length - 4, writable: false));
        r.ReadBytes(4);
        ushort version = r.ReadUInt16();
        if (version != Version) Fail($"unsupported version {version} (this build reads {Version})");
        string fileKind = Encoding.ASCII.GetString(r.ReadBytes(r.ReadByte()));
        if (fileKind != kind) Fail($"file holds tables of '{fileKind}', expected '{kind}'");
        int count = r.ReadUInt16();
        if (count != tables.Length) Fail($"file holds {count} tables, expected {tables.Length}");
        // Read into scratch first so a bad file leaves the live tables untouched.
        var scratch = new float[tables.Length][];
        for (int i = 0; i < tables.Length; i++)
        {
            int sb = r.ReadByte(), ab = r.ReadByte();
            if (sb != tables[i].StateBits || ab != tables[i].ActionBits)
                Fail($"table {i} has shape 2^{sb}x2^{ab}, expected 2^{tables[i].StateBits}x2^{tables[i].ActionBits}");
            var values = new float[tables[i].Values.Length];
            for (int k = 0; k < values.Length; k++)
            {
                float v = r.ReadSingle();
                if (!float.IsFinite(v)) Fail($"table {i} entry {k} is not a finite number");
                values[k] = v;
            }
            scratch[i] = values;
        }
        if (r.BaseStream.Position != r.BaseStream.Length) Fail("trailing bytes after the last table");
        for (int i = 0; i < tables.Length; i++) scratch[i].CopyTo(tables[i].Values);
    }

    private static byte[] ReadBounded(Stream source)
    {
        using var ms = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            ms.Write(chunk, 0, n);
            if (ms.Length > MaxFileBytes) Fail($"file is larger than {MaxFileBytes} bytes");
        }
        return ms.ToArray();
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string reason) => throw new InvalidDataException("Q-table file rejected: " + reason);
}
