using System.Text;

namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// A NUL-terminated path as raw bytes. Strings convert as UTF-8; byte[] converts verbatim, which is how the
/// tests pass names that are not valid UTF-8 (Linux names are bytes, .NET strings would replace them with U+FFFD).
/// </summary>
public readonly struct NativePath
{
    private readonly byte[] _z;

    private NativePath(byte[] z) => _z = z;

    /// <summary>Bytes including the terminating NUL.</summary>
    internal byte[] Terminated => _z ?? [0];

    public ReadOnlySpan<byte> Bytes => Terminated.AsSpan(0, Terminated.Length - 1);

    public static implicit operator NativePath(string s)
    {
        var n = Encoding.UTF8.GetByteCount(s);
        var z = new byte[n + 1];
        Encoding.UTF8.GetBytes(s, z);
        return new NativePath(z);
    }

    public static implicit operator NativePath(byte[] raw)
    {
        var z = new byte[raw.Length + 1];
        raw.CopyTo(z, 0);
        return new NativePath(z);
    }

    /// <summary>dir + "/" + raw name bytes, for non-UTF-8 names under a normal directory.</summary>
    public static NativePath Combine(string dir, ReadOnlySpan<byte> name)
    {
        var d = Encoding.UTF8.GetBytes(dir.TrimEnd('/') + "/");
        var all = new byte[d.Length + name.Length];
        d.CopyTo(all, 0);
        name.CopyTo(all.AsSpan(d.Length));
        return all;
    }

    public override string ToString() => Encoding.UTF8.GetString(Bytes);
}
