using System.Globalization;
using System.Text;
using TieredFs.Simulation.Engine;

namespace TieredFs.Simulation.Cli;

/// <summary>JSON lines and a human table for simulation results.</summary>
public static class ResultFormatter
{
    public static string Json(SimResult r)
    {
        var c = CultureInfo.InvariantCulture;
        return string.Create(c,
            $"{{\"policy\":\"{Escape(r.Policy)}\",\"hss\":\"{Escape(r.Hss)}\",\"requests\":{r.Requests}," +
            $"\"avg_latency_us\":{r.AvgLatencyUs.ToString("0.###", c)},\"p99_latency_us\":{r.P99LatencyUs.ToString("0.###", c)}," +
            $"\"fast_hit_ratio\":{r.FastHitRatio.ToString("0.######", c)},\"migrations\":{r.Migrations},\"bytes_migrated\":{r.BytesMigrated}}}");
    }

    public static string Table(IReadOnlyList<SimResult> results)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(string.Create(c, $"{"policy",-10} {"hss",-6} {"requests",9} {"avg_us",12} {"p99_us",12} {"fast_hit",9} {"migrations",11} {"MiB_moved",10}"));
        foreach (SimResult r in results)
        {
            sb.AppendLine(string.Create(c,
                $"{r.Policy,-10} {r.Hss,-6} {r.Requests,9} {r.AvgLatencyUs,12:0.0} {r.P99LatencyUs,12:0.0} {r.FastHitRatio,9:0.000} {r.Migrations,11} {r.BytesMigrated / 1048576.0,10:0.0}"));
        }
        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
