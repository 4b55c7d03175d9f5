using System.Globalization;

namespace TieredFs.Simulation.Cli;

/// <summary>Parses sizes like 4096, 64KiB, 1MiB, 4GiB, 1M, 2G (binary units).</summary>
public static class SizeParser
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        string s = text.Trim();
        long mult = 1;
        string[] suffixes = ["KiB", "MiB", "GiB", "TiB", "KB", "MB", "GB", "TB", "K", "M", "G", "T", "B"];
        foreach (string suf in suffixes)
        {
            if (!s.EndsWith(suf, StringComparison.OrdinalIgnoreCase)) continue;
            mult = char.ToUpperInvariant(suf[0]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1 };
            s = s[..^suf.Length];
            break;
        }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v <= 0) return false;
        double total = v * mult;
        if (total > long.MaxValue / 2) return false;
        bytes = (long)total;
        return true;
    }
}
