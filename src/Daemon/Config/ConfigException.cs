namespace TieredFs.Daemon.Config;

/// <summary>
/// A configuration problem the operator must fix. The message is complete on its own
/// ("file:line: key: what is wrong") because it is printed as-is at startup; the parts are
/// also exposed so callers and tests need not parse the message.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string sourceName, int line, string key, string detail, Exception? inner = null)
        : base(Format(sourceName, line, key, detail), inner)
    {
        SourceName = sourceName;
        Line = line;
        Key = key;
        Detail = detail;
    }

    /// <summary>File path, or a label such as "&lt;embedded default&gt;" for text that has no file.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the offending key or table header; 0 when no line applies.</summary>
    public int Line { get; }

    /// <summary>Dotted key such as "volume.extent_size" or "tier[2].capacity" (1-based); empty for TOML syntax errors.</summary>
    public string Key { get; }

    /// <summary>The problem alone, without location prefix.</summary>
    public string Detail { get; }

    private static string Format(string sourceName, int line, string key, string detail)
    {
        var location = line > 0 ? $"{sourceName}:{line}" : sourceName;
        return key.Length > 0 ? $"{location}: {key}: {detail}" : $"{location}: {detail}";
    }
}
