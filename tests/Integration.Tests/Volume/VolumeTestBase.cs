using System.Security.Cryptography;
using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>Helpers for tests that own their volumes (mount, crash, remount inside the test).</summary>
public abstract class VolumeTestBase
{
    protected const long KiB = VolumeSpec.KiB, MiB = VolumeSpec.MiB;

    protected static byte[] Random(long length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Writes in 1 MiB pwrites and fsyncs, so the data is durable per POSIX when this returns.</summary>
    protected static void WriteDurably(string path, ReadOnlySpan<byte> data)
    {
        using var fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT | Native.O_TRUNC);
        for (var off = 0; off < data.Length; off += (int)MiB)
            Native.PWriteAll(fd, data.Slice(off, Math.Min((int)MiB, data.Length - off)), off);
        Native.Fsync(fd);
    }

    protected static string Sha(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data));

    protected static void AssertFileEquals(ReadOnlySpan<byte> expected, string path)
    {
        var actual = File.ReadAllBytes(path);
        if (expected.SequenceEqual(actual)) return;
        var n = Math.Min(expected.Length, actual.Length);
        var i = 0;
        while (i < n && expected[i] == actual[i]) i++;
        Assert.Fail($"{path}: {actual.Length} bytes (expected {expected.Length}), first difference at offset {i}");
    }

    /// <summary>Exactly one mount at the mountpoint: recovery must detach the dead mount, not stack on it.</summary>
    protected static void AssertSingleLiveMount(TestVolume v)
    {
        var entries = MountTable.At(v.Path);
        Assert.True(entries.Count == 1 && entries[0].FsType == MountTable.FsType,
            $"expected exactly one {MountTable.FsType} mount at {v.Path}, mountinfo has: [{string.Join("; ", entries)}]");
    }
}
