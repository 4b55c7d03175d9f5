using System.Globalization;
using Tomlyn;
using Tomlyn.Model;

namespace TieredFs.Simulation.Devices;

/// <summary>
/// Loads a custom hierarchy from TOML:
/// <code>
/// name = "my-hss"
/// [[tier]]                      # fastest first, 2 to 4 tiers
/// name = "optane"
/// read_latency_us = 10
/// write_latency_us = 10
/// read_mbps = 2400
/// write_mbps = 2000
/// channels = 6                  # optional, default 1
/// sequential_latency_us = 10    # optional, default read_latency_us
/// capacity_factor = 1           # optional: × fast-tier size; ignored for the slowest tier
/// </code>
/// </summary>
public static class HssTomlLoader
{
    public static HssConfig LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));

    public static HssConfig Parse(string toml, string defaultName)
    {
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(toml) ?? throw new FormatException("empty document");
        }
        catch (TomlException e)
        {
            throw new FormatException($"HSS file '{defaultName}' is not valid TOML: {e.Message}", e);
        }
        string name = root.TryGetValue("name", out object? n) && n is string s ? s : defaultName;
        if (!root.TryGetValue("tier", out object? t) || t is not TomlTableArray tiers)
            throw new FormatException($"HSS file '{defaultName}' has no [[tier]] tables");
        var list = new List<TierSpec>();
        int i = 0;
        foreach (TomlTable tier in tiers)
        {
            string where = $"HSS file '{defaultName}' tier {i}";
            string dev = tier.TryGetValue("name", out object? dn) && dn is string ds ? ds : $"tier{i}";
            double rl = Number(tier, "read_latency_us", where);
            var spec = new DeviceSpec(dev, rl,
                Number(tier, "write_latency_us", where),
                Number(tier, "read_mbps", where),
                Number(tier, "write_mbps", where),
                (int)Number(tier, "channels", where, 1),
                Number(tier, "sequential_latency_us", where, rl));
            double factor = Number(tier, "capacity_factor", where, Math.Pow(2, i));
            list.Add(new TierSpec(spec, factor));
            i++;
        }
        if (list.Count > 0) list[^1] = list[^1] with { CapacityFactor = 0 };
        var config = new HssConfig(name, list);
        config.Validate();
        return config;
    }

    private static double Number(TomlTable t, string key, string where, double? fallback = null)
    {
        if (!t.TryGetValue(key, out object? v))
            return fallback ?? throw new FormatException($"{where}: missing '{key}'");
        return v switch
        {
            long l => l,
            double d => d,
            int i => i,
            _ => throw new FormatException($"{where}: '{key}' must be a number, got '{Convert.ToString(v, CultureInfo.InvariantCulture)}'"),
        };
    }
}
