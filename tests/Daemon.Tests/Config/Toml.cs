using TieredFs.Daemon.Config;

namespace TieredFs.Daemon.Tests.Config;

/// <summary>Helpers for tests that assert on error locations.</summary>
internal static class Toml
{
    public const string Source = "/etc/tieredfs/test.toml";

    /// <summary>Minimal valid tiers, appended to configs that exercise other tables.</summary>
    public const string TwoTiers = """
        [[tier]]
        name = "nvme"
        path = "/mnt/nvme/tieredfs"

        [[tier]]
        name = "hdd"
        path = "/mnt/hdd/tieredfs"
        """;

    public static DaemonConfig Parse(string text) => ConfigLoader.Parse(text, Source);

    public static ConfigException Fails(string text) => Assert.Throws<ConfigException>(() => Parse(text));

    /// <summary>1-based line of the first line containing <paramref name="marker"/>, so tests do not hard-code counts.</summary>
    public static int LineOf(string text, string marker)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].Contains(marker, StringComparison.Ordinal)) return i + 1;
        throw new ArgumentException($"marker {marker} not in text");
    }
}
