using System.Globalization;

namespace TieredFs.Daemon.Config;

/// <summary>
/// Parses human-written sizes such as "64KiB", "200GiB" or "1.5TiB" into bytes.
/// </summary>
/// <remarks>
/// Units are case-insensitive. Following GNU coreutils (dd, df, truncate):
/// <list type="bullet">
/// <item>"KiB", "MiB", … and the bare letters "K", "M", "G", "T", "P" are binary (powers of 1024),
/// because sizes in this daemon (extents, tier capacities) are almost always meant that way and
/// extent_size must be a power of two — "1M" meaning 1,000,000 would be a trap.</item>
/// <item>"KB", "MB", "GB", "TB", "PB" are decimal (powers of 1000), the SI meaning disk vendors use,
/// so a capacity copied from a datasheet means what the datasheet says.</item>
/// <item>"B" or no unit means bytes.</item>
/// </list>
/// A fractional number is accepted only when it comes to a whole number of bytes ("1.5GiB" is
/// fine, "1.1K" is not) — silently rounding a capacity would be worse than refusing it.
/// Negative values and values above <see cref="long.MaxValue"/> are rejected.
/// </remarks>
public static class ByteSize
{
    private const string Hint = "(use e.g. 200GiB)";

    private static readonly Dictionary<string, decimal> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = 1m, ["B"] = 1m,
        ["K"] = 1m * (1L << 10), ["KiB"] = 1m * (1L << 10), ["KB"] = 1e3m,
        ["M"] = 1m * (1L << 20), ["MiB"] = 1m * (1L << 20), ["MB"] = 1e6m,
        ["G"] = 1m * (1L << 30), ["GiB"] = 1m * (1L << 30), ["GB"] = 1e9m,
        ["T"] = 1m * (1L << 40), ["TiB"] = 1m * (1L << 40), ["TB"] = 1e12m,
        ["P"] = 1m * (1L << 50), ["PiB"] = 1m * (1L << 50), ["PB"] = 1e15m,
    };

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> is a complete, quotable explanation.</summary>
    public static bool TryParse(string text, out long bytes, out string error)
    {
        bytes = 0;
        var quoted = $"invalid size \"{text}\"";
        var s = text.Trim();
        if (s.StartsWith('-'))
        {
            error = $"{quoted}: must not be negative";
            return false;
        }

        // Split into number and unit by hand: a regex would also accept forms we do not want
        // (exponents, signs, thousands separators) once number parsing gets involved.
        int i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
        var number = s[..i];
        var unit = s[i..].TrimStart();
        if (!IsPlainDecimal(number) || !Units.TryGetValue(unit, out var multiplier))
        {
            error = $"{quoted} {Hint}";
            return false;
        }

        decimal value;
        try
        {
            value = decimal.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * multiplier;
        }
        catch (OverflowException)
        {
            error = $"{quoted}: too large";
            return false;
        }

        if (value != decimal.Truncate(value))
        {
            error = $"{quoted}: not a whole number of bytes";
            return false;
        }
        if (value > long.MaxValue)
        {
            error = $"{quoted}: too large";
            return false;
        }

        bytes = (long)value;
        error = "";
        return true;
    }

    /// <summary>Digits, optionally one '.' followed by more digits; nothing else.</summary>
    private static bool IsPlainDecimal(string number)
    {
        if (number.Length == 0) return false;
        var dot = number.IndexOf('.');
        if (dot < 0) return true;
        return dot > 0 && dot < number.Length - 1 && number.IndexOf('.', dot + 1) < 0;
    }
}
