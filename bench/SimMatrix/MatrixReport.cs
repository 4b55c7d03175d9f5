using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TieredFs.SimMatrix;

/// <summary>
/// Turns the JSON lines of `sim --policy all` runs (one file per pattern × HSS, named
/// PATTERN__HSS.jsonl) into docs/results.md: per-run tables, per-policy means, and how much of
/// the gap between the best baseline and the Oracle the Harmonia agents close.
/// </summary>
public static class MatrixReport
{
    private sealed record Row(string Pattern, string Hss, string Policy, double Avg, double P99, double Hit, long Migrations, long Bytes);

    private static readonly string[] s_nonBaselines = ["harmonia", "oracle"];

    public static int Run(string inputDir, string outPath, string header)
    {
        var rows = new List<Row>();
        foreach (string file in Directory.GetFiles(inputDir, "*.jsonl").Order(StringComparer.Ordinal))
        {
            string[] parts = Path.GetFileNameWithoutExtension(file).Split("__");
            foreach (string line in File.ReadLines(file))
            {
                if (!line.StartsWith('{')) continue;
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                rows.Add(new Row(parts[0], parts.Length > 1 ? parts[1] : "?", r.GetProperty("policy").GetString()!,
                    r.GetProperty("avg_latency_us").GetDouble(), r.GetProperty("p99_latency_us").GetDouble(),
                    r.GetProperty("fast_hit_ratio").GetDouble(), r.GetProperty("migrations").GetInt64(),
                    r.GetProperty("bytes_migrated").GetInt64()));
            }
        }
        if (rows.Count == 0) { Console.Error.WriteLine($"no results in {inputDir}"); return 1; }
        File.WriteAllText(outPath, Render(rows, header));
        Console.Write(Summary(rows));
        return 0;
    }

    private static string F(double v, string fmt = "0.0") => v.ToString(fmt, CultureInfo.InvariantCulture);

    private static string Summary(List<Row> rows)
    {
        var sb = new StringBuilder();
        var means = rows.GroupBy(r => r.Policy).Select(g => (Policy: g.Key, Mean: g.Average(r => r.Avg), Norm: GeoMeanNormalised(rows, g.Key)))
            .OrderBy(x => x.Mean).ToList();
        int runs = rows.Select(r => (r.Pattern, r.Hss)).Distinct().Count();
        sb.AppendLine($"Mean of average latency over {runs} runs (µs), and geometric mean of latency relative to 'static':");
        sb.AppendLine("| policy | mean avg latency (µs) | geo-mean vs static |");
        sb.AppendLine("|---|---:|---:|");
        foreach (var m in means) sb.AppendLine($"| {m.Policy} | {F(m.Mean)} | {F(m.Norm, "0.000")} |");
        var baselines = means.Where(m => !s_nonBaselines.Contains(m.Policy)).ToList();
        var harmonia = means.FirstOrDefault(m => m.Policy == "harmonia");
        var oracle = means.FirstOrDefault(m => m.Policy == "oracle");
        if (baselines.Count > 0 && harmonia.Policy is not null && oracle.Policy is not null)
        {
            var best = baselines[0];
            double gap = best.Mean - oracle.Mean;
            double closed = gap > 0 ? (best.Mean - harmonia.Mean) / gap : double.NaN;
            sb.AppendLine();
            sb.AppendLine($"Best baseline by mean: **{best.Policy}** ({F(best.Mean)} µs); harmonia {F(harmonia.Mean)} µs; oracle {F(oracle.Mean)} µs.");
            sb.AppendLine($"Gap closed (best baseline → oracle, on the means): **{F(closed * 100, "0.0")}%**.");
            // The same per run, against that run's best baseline.
            var perRun = rows.GroupBy(r => (r.Pattern, r.Hss)).Select(g =>
            {
                var b = g.Where(r => !s_nonBaselines.Contains(r.Policy)).MinBy(r => r.Avg)!;
                double h = g.First(r => r.Policy == "harmonia").Avg, o = g.First(r => r.Policy == "oracle").Avg;
                return (g.Key, Best: b.Policy, Closed: b.Avg - o > 0 ? (b.Avg - h) / (b.Avg - o) : double.NaN, Wins: h <= b.Avg);
            }).ToList();
            double medianClosed = perRun.Select(p => p.Closed).Where(double.IsFinite).Order().ElementAtOrDefault(perRun.Count / 2);
            sb.AppendLine($"Per run against that run's best baseline: harmonia best or equal in {perRun.Count(p => p.Wins)}/{perRun.Count} runs; median gap closed {F(medianClosed * 100, "0.0")}%.");
        }
        return sb.ToString();
    }

    private static double GeoMeanNormalised(List<Row> rows, string policy)
    {
        double logSum = 0;
        int n = 0;
        foreach (var g in rows.GroupBy(r => (r.Pattern, r.Hss)))
        {
            var p = g.FirstOrDefault(r => r.Policy == policy);
            var s = g.FirstOrDefault(r => r.Policy == "static");
            if (p is null || s is null || p.Avg <= 0 || s.Avg <= 0) continue;
            logSum += Math.Log(p.Avg / s.Avg);
            n++;
        }
        return n == 0 ? double.NaN : Math.Exp(logSum / n);
    }

    private static string Render(List<Row> rows, string header)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Simulation results");
        sb.AppendLine();
        sb.AppendLine("Generated by `bench/run-sim-matrix.sh`; do not edit by hand.");
        sb.AppendLine();
        sb.AppendLine(header);
        sb.AppendLine();
        sb.AppendLine("## Summary");
        sb.AppendLine();
        sb.Append(Summary(rows));
        sb.AppendLine();
        sb.AppendLine("## Per run");
        foreach (var g in rows.GroupBy(r => (r.Pattern, r.Hss)))
        {
            sb.AppendLine();
            sb.AppendLine($"### {g.Key.Pattern} on {g.Key.Hss}");
            sb.AppendLine();
            sb.AppendLine("| policy | avg latency (µs) | p99 (µs) | fast hit | migrations | MiB moved |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var r in g.OrderBy(r => r.Avg))
                sb.AppendLine($"| {r.Policy} | {F(r.Avg)} | {F(r.P99)} | {F(r.Hit, "0.000")} | {r.Migrations} | {F(r.Bytes / 1048576.0, "0")} |");
        }
        return sb.ToString();
    }
}
