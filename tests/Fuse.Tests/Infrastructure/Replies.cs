namespace TieredFs.Fuse.Tests.Infrastructure;

/// <summary>Expected reply bytes, built field by field.</summary>
internal static class Replies
{
    public const int OutHeaderSize = 16;

    /// <summary>fuse_out_header: len, error (negated errno), unique.</summary>
    public static Le Header(uint length, int error, ulong unique)
        => new Le().U32(length).I32(error).U64(unique);

    /// <summary>A bodiless reply: success (errno 0) or an error.</summary>
    public static byte[] Status(ulong unique, int errno) => Header(OutHeaderSize, -errno, unique).ToArray();

    public static byte[] Ok(ulong unique, Le body)
    {
        byte[] b = body.ToArray();
        return Header((uint)(OutHeaderSize + b.Length), 0, unique).Raw(b).ToArray();
    }
}
