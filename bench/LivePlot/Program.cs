using System.Globalization;
using ScottPlot;

// LivePlot RESULTS_DIR: one PNG per workload from bench/live-tiering.sh results.
//   windows.csv  workload,run,kind,phase,window,t_start_s,t_end_s,iops,mean_lat_us
//   summary.csv  workload,run,kind,iops,...            (kind: policy | bound | ideal)
// Writes RESULTS_DIR/<workload>.png: IOPS per window over time, one line per policy, the bounds
// and the ideal mixture as horizontal lines at their overall IOPS, a vertical line at a phase change.
// The IOPS axis is logarithmic (the bounds are ~50x apart) unless --linear.

bool linear = args.Contains("--linear");
string[] dirs = args.Where(a => a != "--linear").ToArray();
if (dirs.Length != 1 || dirs[0] is "-h" or "--help" || !Directory.Exists(dirs[0]))
{
    Console.Error.WriteLine("usage: LivePlot [--linear] RESULTS_DIR   (a directory with windows.csv and summary.csv from bench/live-tiering.sh)");
    return 2;
}
string dir = dirs[0];
// On the log axis every value is plotted as log10 and the ticks are labelled with 10^tick.
double Y(double iops) => linear ? iops : Math.Log10(Math.Max(iops, 1));
List<Dictionary<string, string>> windows, summary;
try
{
    windows = ReadCsv(Path.Join(dir, "windows.csv"));
    summary = ReadCsv(Path.Join(dir, "summary.csv"));
}
catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"LivePlot: {e.Message}");
    return 1;
}

Color[] palette = [Colors.Blue, Colors.Red, Colors.Green, Colors.DarkOrange, Colors.Purple, Colors.Brown, Colors.Teal];
foreach (string workload in windows.Select(w => w["workload"]).Concat(summary.Select(s => s["workload"])).Distinct())
{
    var plot = new Plot();
    plot.Title($"{workload}: IOPS per window (fio)");
    plot.XLabel("seconds since workload start");
    plot.YLabel("IOPS");

    // Policies: one line per run, a point per window at the window's middle.
    int colour = 0;
    foreach (var run in windows.Where(w => w["workload"] == workload && w["kind"] == "policy").GroupBy(w => w["run"]))
    {
        var points = run.OrderBy(w => Num(w["t_start_s"])).ToArray();
        double[] xs = points.Select(w => (Num(w["t_start_s"]) + Num(w["t_end_s"])) / 2).ToArray();
        double[] ys = points.Select(w => Y(Num(w["iops"]))).ToArray();
        var line = plot.Add.Scatter(xs, ys, palette[colour++ % palette.Length]);
        line.LineWidth = 2;
        line.MarkerSize = 6;
        var overall = summary.FirstOrDefault(s => s["workload"] == workload && s["run"] == run.Key);
        line.LegendText = overall is null ? run.Key : $"{run.Key} ({Num(overall["iops"]):0} overall)";
    }

    // Bounds and the ideal mixture: horizontal lines at their overall IOPS.
    foreach (var s in summary.Where(s => s["workload"] == workload && s["kind"] is ("bound" or "ideal") && double.IsFinite(Num(s["iops"]))))
    {
        var h = plot.Add.HorizontalLine(Y(Num(s["iops"])));
        h.LinePattern = s["kind"] == "ideal" ? LinePattern.Dotted : LinePattern.Dashed;
        h.LineWidth = 1.5f;
        // fast-only black, slow-only grey, both dashed; the ideal mixture black dotted.
        h.Color = s["kind"] == "ideal" || s["run"].StartsWith("fast", StringComparison.Ordinal) ? Colors.Black : Colors.Gray;
        h.LegendText = $"{s["run"]} ({Num(s["iops"]):0})";
    }

    // A phase change (the shift workload moves its hot zone): mark where phase 2 starts.
    var firstOfPhase2 = windows.Where(w => w["workload"] == workload && w["phase"] != "1")
                               .Select(w => Num(w["t_start_s"])).DefaultIfEmpty(double.NaN).Min();
    if (!double.IsNaN(firstOfPhase2))
    {
        var v = plot.Add.VerticalLine(firstOfPhase2);
        v.Color = Colors.Black.WithAlpha(0.5);
        v.LinePattern = LinePattern.DenselyDashed;
        v.LegendText = "phase change";
    }

    var values = windows.Where(w => w["workload"] == workload).Select(w => Num(w["iops"]))
        .Concat(summary.Where(s => s["workload"] == workload).Select(s => Num(s["iops"])))
        .Where(v => double.IsFinite(v) && v > 0).DefaultIfEmpty(1).ToArray();
    double end = windows.Where(w => w["workload"] == workload).Select(w => Num(w["t_end_s"]))
        .Where(double.IsFinite).DefaultIfEmpty(1).Max();
    plot.Axes.SetLimitsX(0, end);
    if (linear)
    {
        plot.Axes.SetLimitsY(0, Math.Max(1, values.Max() * 1.1)); // from 0 so ratios read right
    }
    else
    {
        // Labelled ticks at 1, 2 and 5 x 10^k over the range shown.
        double low = Math.Log10(values.Min()) - 0.15, high = Math.Log10(values.Max()) + 0.15;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int k = (int)Math.Floor(low); k <= (int)Math.Ceiling(high); k++)
            foreach (double m in new[] { 1.0, 2, 5 })
            {
                double at = Math.Log10(m) + k;
                if (at >= low && at <= high)
                    ticks.AddMajor(at, (m * Math.Pow(10, k)).ToString("N0", CultureInfo.InvariantCulture));
            }
        plot.Axes.Left.TickGenerator = ticks;
        plot.YLabel("IOPS (log scale)");
        plot.Axes.SetLimitsY(low, high);
    }
    plot.ShowLegend(Edge.Right);
    string png = Path.Join(dir, $"{workload}.png");
    plot.SavePng(png, 1100, 550);
    Console.WriteLine(png);
}
return 0;

static double Num(string s) =>
    double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;

// The script writes plain CSV (no quoting: names are [a-z0-9-]), header first.
static List<Dictionary<string, string>> ReadCsv(string path)
{
    var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
    if (lines.Length == 0)
        throw new FormatException($"{path}: empty (no header)");
    string[] header = lines[0].Split(',');
    var rows = new List<Dictionary<string, string>>();
    for (int i = 1; i < lines.Length; i++)
    {
        string[] cells = lines[i].Split(',');
        if (cells.Length != header.Length)
            throw new FormatException($"{path}:{i + 1}: {cells.Length} fields, header has {header.Length}");
        rows.Add(header.Zip(cells).ToDictionary(p => p.First, p => p.Second));
    }
    foreach (string need in new[] { "workload", "run", "kind", "iops" })
        if (!header.Contains(need))
            throw new FormatException($"{path}: no \"{need}\" column");
    return rows;
}
