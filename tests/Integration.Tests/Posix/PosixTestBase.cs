using System.Security.Cryptography;
using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Posix;

/// <summary>
/// Base of every POSIX behaviour suite. Each test gets a fresh directory <see cref="Dir"/> under the target root,
/// so tests in one class never see each other's files even though they share a mount.
/// </summary>
public abstract class PosixTestBase
{
    protected IPosixTarget Target { get; }
    protected string Dir { get; }
    protected long E => Target.ExtentSize;

    protected PosixTestBase(IPosixTarget target)
    {
        Target = target;
        Dir = Path.Combine(target.Root, $"{GetType().Name}-{Guid.NewGuid():N}"[..(GetType().Name.Length + 9)]);
        Native.Mkdir(Dir, 0x1FF);
        Native.Chmod(Dir, 0x1FF); // 0777 regardless of umask: the 'nobody' tests create files here
    }

    protected string P(string name) => Path.Combine(Dir, name);

    /// <summary>Deterministic pseudo-random bytes, so a failure can be reproduced.</summary>
    protected static byte[] Pattern(long length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    protected static void WriteFile(string path, ReadOnlySpan<byte> data, long offset = 0)
    {
        using var fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT);
        Native.PWriteAll(fd, data, offset);
    }

    protected static byte[] ReadRange(string path, long offset, int length)
    {
        using var fd = Native.Open(path, Native.O_RDONLY);
        var buf = new byte[length];
        var n = Native.PReadAll(fd, buf, offset);
        return buf[..n];
    }

    protected static byte[] ReadAll(string path) => File.ReadAllBytes(path);

    protected static void AssertErrno(int expected, Action action)
    {
        var actual = Native.ErrnoOf(action);
        Assert.True(actual == expected,
            $"expected {Errno.Name(expected)}, got {(actual == 0 ? "success" : Errno.Name(actual))}");
    }

    /// <summary>Byte comparison that reports the first differing offset instead of dumping megabytes.</summary>
    protected static void AssertBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string what)
    {
        if (expected.SequenceEqual(actual)) return;
        var i = 0;
        var n = Math.Min(expected.Length, actual.Length);
        while (i < n && expected[i] == actual[i]) i++;
        Assert.Fail($"{what}: lengths {expected.Length} vs {actual.Length}, first difference at offset {i}" +
                    (i < n ? $" (expected 0x{expected[i]:x2}, got 0x{actual[i]:x2})" : ""));
    }

    protected static void AssertZeros(ReadOnlySpan<byte> data, string what)
    {
        var i = data.IndexOfAnyExcept((byte)0);
        Assert.True(i < 0, $"{what}: expected zeros, found 0x{(i < 0 ? 0 : data[i]):x2} at offset {i}");
    }

    protected static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data));
}
