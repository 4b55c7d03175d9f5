using System.Globalization;

namespace TieredFs.Service.Tests.Infrastructure;

/// <summary>A strict-enough parser of the text exposition format: every sample line must be name{labels} value.</summary>
internal static class Prometheus
{
    public static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            int space = line.LastIndexOf(' ');
            Assert.True(space > 0, $"malformed sample line: {line}");
            string key = line[..space];
            string value = line[(space + 1)..];
            Assert.Matches(@"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*\})?$", key);
            double v = value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            Assert.True(samples.TryAdd(key, v), $"duplicate sample {key}");
        }
        return samples;
    }
}
