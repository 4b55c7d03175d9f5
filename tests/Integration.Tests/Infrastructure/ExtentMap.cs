using System.Text.Json;

namespace TieredFs.Integration.Tests.Infrastructure;

public sealed record ExtentPlacement(long Index, string Tier);

/// <summary>What <c>tieredfs inspect</c> reports for one file.</summary>
public sealed record ExtentMap(string Path, long ExtentSize, IReadOnlyList<ExtentPlacement> Extents)
{
    public IEnumerable<ExtentPlacement> OnTier(string tier) => Extents.Where(e => e.Tier == tier);

    public string? TierOf(long index) => Extents.FirstOrDefault(e => e.Index == index)?.Tier;

    public static ExtentMap ParseJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var extents = root.GetProperty("extents").EnumerateArray()
            .Select(e => new ExtentPlacement(e.GetProperty("index").GetInt64(), e.GetProperty("tier").GetString()!))
            .ToList();
        return new ExtentMap(root.GetProperty("path").GetString()!, root.GetProperty("extent_size").GetInt64(), extents);
    }

    /// <summary>Text form: "extent_size N" then "&lt;index&gt; &lt;tier&gt;" lines.</summary>
    public static ExtentMap ParseText(string path, string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("extent_size ", StringComparison.Ordinal))
            throw new FormatException($"inspect output does not start with 'extent_size <bytes>':\n{text}");
        var size = long.Parse(lines[0]["extent_size ".Length..]);
        return new ExtentMap(path, size, ParseLines(lines.Skip(1), text));
    }

    /// <summary>The virtual xattr user.tieredfs.extents: "&lt;index&gt; &lt;tier&gt;\n" lines only.</summary>
    public static IReadOnlyList<ExtentPlacement> ParseXattr(string text) =>
        ParseLines(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), text);

    private static List<ExtentPlacement> ParseLines(IEnumerable<string> lines, string whole) =>
        lines.Select(l =>
        {
            var parts = l.Split(' ');
            if (parts.Length != 2 || !long.TryParse(parts[0], out var index))
                throw new FormatException($"bad extent line '{l}' in:\n{whole}");
            return new ExtentPlacement(index, parts[1]);
        }).ToList();
}
