using System.Globalization;
using TieredFs.Simulation.Generation;
using TieredFs.Simulation.Traces;

namespace TieredFs.Simulation;

/// <summary><c>tieredfs gen-trace</c>: write a deterministic synthetic trace in MSR Cambridge CSV.</summary>
public static class GenTraceCommand
{
    public const string Usage =
        "usage: tieredfs gen-trace --pattern zipf|shifting|scan-mix|write-log|read-web --requests N\n" +
        "                          --seed N --out FILE [--footprint SIZE (default 4GiB)]\n";

    private static readonly HashSet<string> s_valued = ["--pattern", "--requests", "--seed", "--out", "--footprint"];
    private static readonly HashSet<string> s_flags = ["--help", "-h"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!Cli.ArgReader.TryParse(args, s_valued, s_flags, out Cli.ArgReader a, out string error))
            return UsageError(stderr, error);
        if (a.Has("--help") || a.Has("-h")) { stdout.Write(Usage); return 0; }
        string? patternText = a.Get("--pattern"), requestsText = a.Get("--requests"), seedText = a.Get("--seed"), outPath = a.Get("--out");
        if (patternText is null || requestsText is null || seedText is null || outPath is null)
            return UsageError(stderr, "--pattern, --requests, --seed and --out are required");
        if (!TryPattern(patternText, out TracePattern pattern)) return UsageError(stderr, $"unknown --pattern '{patternText}'");
        if (!int.TryParse(requestsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int requests) || requests <= 0)
            return UsageError(stderr, $"bad --requests '{requestsText}'");
        if (!int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed))
            return UsageError(stderr, $"bad --seed '{seedText}'");
        long footprint = 4L << 30;
        if (a.Get("--footprint") is string fp && (!Cli.SizeParser.TryParse(fp, out footprint) || footprint < 64L << 20))
            return UsageError(stderr, $"bad --footprint '{fp}' (at least 64MiB)");
        try
        {
            var trace = TraceGenerator.Generate(pattern, requests, footprint, seed);
            using (var w = new StreamWriter(outPath))
                MsrTraceReader.Write(w, trace, "gen-" + patternText);
            stdout.WriteLine($"wrote {requests} requests ({patternText}, seed {seed}) to {outPath}");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tieredfs gen-trace: {e.Message}");
            return 1;
        }
    }

    public static bool TryPattern(string text, out TracePattern pattern)
    {
        switch (text.ToLowerInvariant())
        {
            case "zipf": pattern = TracePattern.Zipf; return true;
            case "shifting": pattern = TracePattern.Shifting; return true;
            case "scan-mix": pattern = TracePattern.ScanMix; return true;
            case "write-log": pattern = TracePattern.WriteLog; return true;
            case "read-web": pattern = TracePattern.ReadWeb; return true;
            default: pattern = default; return false;
        }
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"tieredfs gen-trace: {message}");
        stderr.Write(Usage);
        return 2;
    }
}
