using System.Text.Json;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Cli;

/// <summary>`tieredfs inspect [--json] PATH`: which tier holds each extent of a file.</summary>
internal static class InspectCommand
{
    public static int Run(string path, bool json, TextWriter stdout, TextWriter stderr)
    {
        int rc = FileQueries.TryGetXattrText(path, Volume.ExtentsXattr, out string text);
        if (rc != 0)
        {
            string why = rc switch
            {
                61 or 95 => "not a regular file on a tieredfs volume",
                2 => "no such file",
                _ => FileQueries.Describe(rc),
            };
            stderr.WriteLine($"tieredfs inspect: {path}: {why}");
            return 1;
        }
        FileQueries.TryGetBlockSize(path, out long extentSize);
        var extents = new List<(long Index, string Tier)>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.IndexOf(' ');
            extents.Add((long.Parse(line[..space]), line[(space + 1)..]));
        }
        if (json)
        {
            var doc = new
            {
                path = Path.GetFullPath(path),
                extent_size = extentSize,
                extents = extents.Select(e => new { index = e.Index, tier = e.Tier }).ToArray(),
            };
            stdout.WriteLine(JsonSerializer.Serialize(doc));
        }
        else
        {
            stdout.WriteLine($"extent_size {extentSize}");
            foreach (var (index, tier) in extents)
                stdout.WriteLine($"{index} {tier}");
        }
        return 0;
    }
}
