namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// Checks the on-disk contract: the bytes of extent i of the file with inode N live at the same offsets in
/// &lt;tier&gt;/data/&lt;N%256 hex&gt;/&lt;N&gt; of the tier that inspect names, and every other tier has a hole there.
/// </summary>
public static class LayoutVerifier
{
    public static void Verify(TestVolume volume, string userPath, ReadOnlySpan<byte> expected)
    {
        var ino = Native.Stat(userPath).Ino;
        var map = volume.Inspect(userPath);
        var e = map.ExtentSize;
        Assert.Equal(volume.Spec.ExtentSize, e);
        var extentCount = (expected.Length + e - 1) / e;

        for (long i = 0; i < extentCount; i++)
        {
            var start = i * e;
            var len = (int)Math.Min(e, expected.Length - start);
            var want = expected.Slice((int)start, len);
            var tier = map.TierOf(i);
            if (tier == null)
            {
                Assert.True(want.IndexOfAnyExcept((byte)0) < 0,
                    $"extent {i} of {userPath} holds data but inspect lists no tier for it ({Describe(map)})");
            }
            else
            {
                Assert.True(volume.TierPaths.ContainsKey(tier), $"inspect names unknown tier '{tier}' for extent {i}");
                var file = volume.DataFilePath(tier, ino);
                Assert.True(File.Exists(file), $"extent {i} is on tier '{tier}' per inspect, but data file {file} does not exist");
                var got = ReadAt(file, start, len);
                if (!got.AsSpan().SequenceEqual(want))
                    Assert.Fail($"extent {i} in {file} (tier '{tier}') differs from what was written " +
                                $"at first byte {FirstDiff(want, got)}");
            }
            foreach (var (other, _) in volume.TierPaths)
            {
                if (other == tier) continue;
                var file = volume.DataFilePath(other, ino);
                if (!File.Exists(file)) continue;
                Assert.True(IsHole(file, start, e),
                    $"extent {i} belongs to tier '{tier ?? "(none)"}' but {file} (tier '{other}') has data there");
            }
        }
        foreach (var x in map.Extents)
            Assert.True(x.Index < extentCount, $"inspect lists extent {x.Index} beyond EOF ({expected.Length} bytes)");
    }

    /// <summary>True if [start, start+len) has no data per SEEK_DATA (or the file ends before it) and reads zeros.</summary>
    public static bool IsHole(string file, long start, long len)
    {
        using var fd = Native.Open(file, Native.O_RDONLY);
        var size = Native.Fstat(fd).Size;
        if (start >= size) return true;
        try
        {
            if (Native.Lseek(fd, start, Native.SEEK_DATA) < start + len) return false;
        }
        catch (ErrnoException ex) when (ex.Errno == Errno.ENXIO)
        {
            // no data after start at all
        }
        var buf = new byte[(int)Math.Min(len, size - start)];
        Native.PReadAll(fd, buf, start);
        return buf.AsSpan().IndexOfAnyExcept((byte)0) < 0;
    }

    private static byte[] ReadAt(string file, long offset, int len)
    {
        using var fd = Native.Open(file, Native.O_RDONLY);
        var buf = new byte[len];
        var n = Native.PReadAll(fd, buf, offset);
        return buf[..n];
    }

    private static string FirstDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
            if (a[i] != b[i]) return $"offset {i} (expected 0x{a[i]:x2}, got 0x{b[i]:x2})";
        return $"length {b.Length} vs expected {a.Length}";
    }

    public static string Describe(ExtentMap map) =>
        $"extent_size {map.ExtentSize}; " + string.Join(", ", map.Extents.Select(x => $"{x.Index}:{x.Tier}"));
}
