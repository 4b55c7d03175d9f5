using TieredFs.Agents.Learning;
using TieredFs.Agents.QTables;

namespace TieredFs.Agents.Tests;

public class QTableFileTests
{
    private static QTable Filled(int stateBits, int actionBits, int seed)
    {
        var q = new QTable(stateBits, actionBits, 0f);
        var r = new XorShiftRng((ulong)seed);
        Span<float> v = q.Values;
        for (int i = 0; i < v.Length; i++) v[i] = (float)(r.NextDouble() * 4 - 2);
        return q;
    }

    private static byte[] Saved(string kind, params QTable[] tables)
    {
        using var ms = new MemoryStream();
        QTableFile.Save(ms, kind, tables);
        return ms.ToArray();
    }

    [Fact]
    public void RoundTripRestoresEveryValue()
    {
        QTable a = Filled(6, 2, 1), b = Filled(4, 1, 2);
        byte[] bytes = Saved("test-agent", a, b);
        QTable a2 = new(6, 2, 0f), b2 = new(4, 1, 0f);
        QTableFile.Load(new MemoryStream(bytes), "test-agent", [a2, b2]);
        Assert.True(a.Values.SequenceEqual(a2.Values));
        Assert.True(b.Values.SequenceEqual(b2.Values));
    }

    [Fact]
    public void EveryFlippedByteIsRejected()
    {
        byte[] good = Saved("k", Filled(3, 1, 3));
        for (int i = 0; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x40;
            var target = new QTable(3, 1, 7f);
            Assert.Throws<InvalidDataException>(() => QTableFile.Load(new MemoryStream(bad), "k", [target]));
            Assert.All(target.Values.ToArray(), v => Assert.Equal(7f, v)); // untouched on failure
        }
    }

    [Fact]
    public void TruncatedFileIsRejectedWithAClearMessage()
    {
        byte[] good = Saved("k", Filled(3, 1, 3));
        for (int len = 0; len < good.Length; len += 7)
        {
            var ex = Assert.Throws<InvalidDataException>(() =>
                QTableFile.Load(new MemoryStream(good, 0, len), "k", [new QTable(3, 1, 0f)]));
            Assert.StartsWith("Q-table file rejected:", ex.Message);
        }
    }

    [Fact]
    public void ForeignKindAndWrongShapeAreRejected()
    {
        byte[] bytes = Saved("harmonia-placement", Filled(3, 1, 3));
        var kind = Assert.Throws<InvalidDataException>(() =>
            QTableFile.Load(new MemoryStream(bytes), "harmonia-migration", [new QTable(3, 1, 0f)]));
        Assert.Contains("harmonia-placement", kind.Message);
        var shape = Assert.Throws<InvalidDataException>(() =>
            QTableFile.Load(new MemoryStream(bytes), "harmonia-placement", [new QTable(4, 1, 0f)]));
        Assert.Contains("shape", shape.Message);
    }

    [Fact]
    public void NotAQTableFileIsRejected()
    {
        var ex = Assert.Throws<InvalidDataException>(() =>
            QTableFile.Load(new MemoryStream("hello, world, this is text"u8.ToArray()), "k", [new QTable(3, 1, 0f)]));
        Assert.Contains("magic", ex.Message);
    }
}
