using System.Globalization;
using System.Text.Json.Nodes;

namespace TieredFs.Daemon.Cli;

/// <summary>`tieredfs status [--json] [--socket PATH] [MOUNTPOINT]`: tiers, volume, agents, from the control socket.</summary>
internal static class StatusCommand
{
    public static int Run(string? mountPoint, string? socket, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (ControlCall.Run("status", socket, mountPoint, new JsonObject { ["command"] = "status" }, stderr) is not { } response)
            return 1;
        var status = response["status"]!.AsObject();
        if (json)
        {
            stdout.WriteLine(status.ToJsonString());
            return 0;
        }
        Print(status, stdout);
        return 0;
    }

    private static void Print(JsonObject s, TextWriter o)
    {
        var volume = s["volume"]!.AsObject();
        var migrations = volume["migrations"]!.AsObject();
        o.WriteLine($"{s["mountpoint"]}  (pid {s["pid"]}, up {Duration((double)s["uptime_seconds"]!)}, config {(string?)s["config"] ?? "<embedded default>"})");
        o.WriteLine($"volume: {volume["files"]} files, {volume["extents"]} extents of {Bytes((long)volume["extent_size"]!)}, {volume["pinned_files"]} pinned");
        o.WriteLine((bool)migrations["enabled"]!
            ? $"migrations: {migrations["done"]} done ({migrations["promotions"]} up, {migrations["demotions"]} down, {migrations["failed"]} failed), {migrations["queued"]} queued, {Bytes((long)migrations["bytes_moved"]!)} moved"
            : "migrations: off (the policy does not migrate)");
        o.WriteLine();
        o.WriteLine($"{"TIER",-12} {"USED",10} {"CAPACITY",10} {"FILL",6} {"WATERMARKS",11} {"EXTENTS",9}   I/O over the last {s["window_seconds"]} s");
        foreach (var node in s["tiers"]!.AsArray())
        {
            var t = node!.AsObject();
            string marks = $"{(double)t["low_watermark"]!:0.##}/{(double)t["high_watermark"]!:0.##}";
            o.WriteLine($"{(string)t["name"]!,-12} {Bytes((long)t["used_bytes"]!),10} {Bytes((long)t["capacity_bytes"]!),10} {(double)t["fill"]!,6:P0} {marks,11} {t["extents"],9}   {((bool)t["full"]! ? "FULL" : "")}");
            o.WriteLine($"{"",-12} read  {Io(t["read"]!.AsObject())}");
            o.WriteLine($"{"",-12} write {Io(t["write"]!.AsObject())}");
        }
        o.WriteLine();
        foreach (var node in s["agents"]!.AsArray())
        {
            var a = node!.AsObject();
            if ((string?)a["role"] == "migration")
            {
                o.WriteLine($"agent migration: policy {a["policy"]}, {a["decisions"]} decisions over {a["rounds"]} rounds, {a["accesses_observed"]} accesses observed");
                continue;
            }
            var byTier = string.Join(", ", a["decisions_by_tier"]!.AsObject().Select(kv => $"{kv.Key} {kv.Value}"));
            o.WriteLine($"agent {a["role"]}: policy {a["policy"]}, {a["decisions"]} decisions ({byTier}; {a["pinned_decisions"]} by pins)");
        }
    }

    private static string Io(JsonObject d) => string.Create(CultureInfo.InvariantCulture,
        $"{(double)d["iops"]!,9:0.#} IOPS {(double)d["mib_per_s"]!,9:0.##} MiB/s   mean {(double)d["mean_latency_us"]!:0.#} µs  p99 ≤{(double)d["p99_latency_us"]!:0.#} µs");

    private static string Bytes(long n)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }
        return u == 0 ? $"{n} B" : string.Create(CultureInfo.InvariantCulture, $"{v:0.#} {units[u]}");
    }

    private static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalDays >= 1 ? $"{(int)t.TotalDays}d{t.Hours}h" : t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes}m" : $"{(int)t.TotalMinutes}m{t.Seconds}s";
    }
}
