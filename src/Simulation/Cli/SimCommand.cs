using System.Globalization;
using TieredFs.Simulation.Devices;
using TieredFs.Simulation.Engine;
using TieredFs.Simulation.Traces;

namespace TieredFs.Simulation;

/// <summary><c>tieredfs sim</c>: replay a trace through one or all policies on a modelled hierarchy.</summary>
public static class SimCommand
{
    public const string Usage =
        "usage: tieredfs sim --trace FILE --hss perf|cost|tri|quad|FILE.toml --policy NAME|all\n" +
        "                    [--json] [--seed N] [--fast-fraction 0.1] [--extent-size 1MiB]\n" +
        "                    [--migration-rate SIZE]\n" +
        "  policies: static lru cde hps sibyl archivist harmonia oracle, or all\n" +
        "  --json with one policy prints exactly one JSON object; 'all' prints one JSON line per\n" +
        "  policy followed by a table.\n" +
        "  --migration-rate: bytes moved per second of trace time, as a mount's migration_rate\n" +
        "  (0 = no migration); default: 8 extents per average 128-request round of the trace.\n";

    private static readonly HashSet<string> s_valued = ["--trace", "--hss", "--policy", "--seed", "--fast-fraction", "--extent-size", "--migration-rate"];
    private static readonly HashSet<string> s_flags = ["--json", "--help", "-h"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!ArgReaderHelp(args, stdout, stderr, out Cli.ArgReader? a)) return a is null ? 2 : 0;
        string? tracePath = a!.Get("--trace"), hssName = a.Get("--hss"), policy = a.Get("--policy");
        if (tracePath is null || hssName is null || policy is null)
            return UsageError(stderr, "--trace, --hss and --policy are required");

        var options = new SimOptions();
        if (a.Get("--seed") is string seedText)
        {
            if (!ulong.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong seed))
                return UsageError(stderr, $"bad --seed '{seedText}'");
            options = options with { Seed = seed };
        }
        if (a.Get("--fast-fraction") is string ff)
        {
            if (!double.TryParse(ff, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) || f <= 0 || f > 1)
                return UsageError(stderr, $"bad --fast-fraction '{ff}' (want 0 < f ≤ 1)");
            options = options with { FastFraction = f };
        }
        if (a.Get("--extent-size") is string es)
        {
            if (!Cli.SizeParser.TryParse(es, out long bytes) || bytes < 4096 || (bytes & (bytes - 1)) != 0)
                return UsageError(stderr, $"bad --extent-size '{es}' (want a power of two ≥ 4KiB)");
            options = options with { ExtentBytes = bytes };
        }

        if (a.Get("--migration-rate") is string mr)
        {
            long rate = 0;
            if (mr.Trim() != "0" && !Cli.SizeParser.TryParse(mr, out rate))
                return UsageError(stderr, $"bad --migration-rate '{mr}' (want a size per second, e.g. 64MiB, or 0)");
            options = options with { MigrationBytesPerSecond = rate };
        }

        HssConfig? hss = BuiltInHss.Find(hssName);
        try
        {
            if (hss is null)
            {
                if (!hssName.EndsWith(".toml", StringComparison.OrdinalIgnoreCase) || !File.Exists(hssName))
                    return UsageError(stderr, $"unknown --hss '{hssName}' (perf, cost, tri, quad or an existing .toml file)");
                hss = HssTomlLoader.LoadFile(hssName);
            }
            if (!File.Exists(tracePath)) return UsageError(stderr, $"trace file '{tracePath}' not found");
            var trace = new PreparedTrace(MsrTraceReader.ReadFile(tracePath), options.ExtentBytes);
            var registry = SimPolicies.Create(trace, options);
            bool all = policy.Equals("all", StringComparison.OrdinalIgnoreCase);
            if (!all && !registry.Contains(policy))
                return UsageError(stderr, $"unknown --policy '{policy}' (known: {string.Join(", ", registry.Names)}, all)");
            IEnumerable<string> names = all ? registry.Names : [policy];
            var results = names.Select(p => SimulationRunner.RunOne(trace, hss, p, options, registry)).ToList();
            if (all || a.Has("--json"))
                foreach (SimResult r in results) stdout.WriteLine(Cli.ResultFormatter.Json(r));
            if (all || !a.Has("--json"))
                stdout.Write(Cli.ResultFormatter.Table(results));
            return 0;
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tieredfs sim: {e.Message}");
            return 1;
        }
    }

    private static bool ArgReaderHelp(string[] args, TextWriter stdout, TextWriter stderr, out Cli.ArgReader? reader)
    {
        if (!Cli.ArgReader.TryParse(args, s_valued, s_flags, out Cli.ArgReader r, out string error))
        {
            UsageError(stderr, error);
            reader = null;
            return false;
        }
        if (r.Has("--help") || r.Has("-h"))
        {
            stdout.Write(Usage);
            reader = r;
            return false;
        }
        reader = r;
        return true;
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"tieredfs sim: {message}");
        stderr.Write(Usage);
        return 2;
    }
}
