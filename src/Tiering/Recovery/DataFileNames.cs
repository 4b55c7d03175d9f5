using System.Globalization;

namespace TieredFs.Tiering.Recovery;

/// <summary>
/// Recognises the names <see cref="DataPath.Tier.DataFilePath"/> gives: a shard directory of two
/// lowercase hex digits (ino % 256) holding files named by the inode number in decimal. Anything
/// else under a data directory is not ours to delete.
/// </summary>
internal static class DataFileNames
{
    public static bool IsShard(string name, out int shard)
    {
        shard = -1;
        return name.Length == 2 && name == name.ToLowerInvariant()
            && int.TryParse(name, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out shard);
    }

    public static bool TryParseDataFile(int shard, string name, out ulong ino) =>
        ulong.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out ino)
        && ino.ToString(CultureInfo.InvariantCulture) == name // canonical: no leading zeros
        && (int)(ino % 256) == shard;
}
