using System.Text.Json;

namespace TieredFs.Simulation.Tests;

public class CliTests
{
    private static string TracePath(string name) => Path.Combine(AppContext.BaseDirectory, "traces", name);

    private static (int code, string stdout, string stderr) Sim(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = SimCommand.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void HelpPrintsUsage()
    {
        var (code, stdout, _) = Sim("--help");
        Assert.Equal(0, code);
        Assert.Contains("--policy", stdout);
    }

    [Theory]
    [InlineData()]
    [InlineData("--trace")]
    [InlineData("--bogus", "1")]
    [InlineData("--trace", "x.csv", "--hss", "perf")]
    [InlineData("--trace", "x.csv", "--hss", "nvram", "--policy", "static")]
    [InlineData("--trace", "x.csv", "--hss", "perf", "--policy", "static", "--fast-fraction", "2")]
    [InlineData("--trace", "x.csv", "--hss", "perf", "--policy", "static", "--extent-size", "3000")]
    [InlineData("--trace", "x.csv", "--hss", "perf", "--policy", "static", "--migration-rate", "fast")]
    public void BadArgumentsGiveUsageOnStderrAndExit2(params string[] args)
    {
        var (code, stdout, stderr) = Sim(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("usage:", stderr);
    }

    [Fact]
    public void UnknownPolicyIsAUsageError()
    {
        var (code, _, stderr) = Sim("--trace", TracePath("zipf.csv"), "--hss", "perf", "--policy", "fifo");
        Assert.Equal(2, code);
        Assert.Contains("fifo", stderr);
    }

    [Fact]
    public void JsonWithOnePolicyPrintsExactlyOneObject()
    {
        var (code, stdout, _) = Sim("--trace", TracePath("zipf.csv"), "--hss", "cost", "--policy", "harmonia", "--json", "--seed", "3", "--extent-size", "256KiB");
        Assert.Equal(0, code);
        string line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var doc = JsonDocument.Parse(line);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["policy", "hss", "requests", "avg_latency_us", "p99_latency_us", "fast_hit_ratio", "migrations", "bytes_migrated"], keys);
        Assert.Equal("harmonia", doc.RootElement.GetProperty("policy").GetString());
        Assert.Equal(3000, doc.RootElement.GetProperty("requests").GetInt64());
    }

    [Fact]
    public void AllPrintsOneJsonLinePerPolicyAndATable()
    {
        var (code, stdout, _) = Sim("--trace", TracePath("write-log.csv"), "--hss", "tri", "--policy", "all");
        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var json = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("policy").GetString()!).ToArray();
        Assert.Equal(["static", "lru", "cde", "hps", "sibyl", "archivist", "harmonia", "oracle"], json);
        Assert.Contains(lines, l => l.StartsWith("policy ") && l.Contains("avg_us"));
    }

    [Fact]
    public void MigrationRateZeroStopsMovesAndARateIsHonoured()
    {
        static JsonElement Run(string rate)
        {
            var (code, stdout, stderr) = Sim("--trace", TracePath("shifting.csv"), "--hss", "perf", "--policy", "lru", "--json", "--migration-rate", rate);
            Assert.True(code == 0, stderr);
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        Assert.Equal(0, Run("0").GetProperty("migrations").GetInt64());
        Assert.True(Run("256MiB").GetProperty("migrations").GetInt64() > 0);
    }

    [Fact]
    public void CustomTomlHierarchyWorks()
    {
        string toml = Path.Combine(Path.GetTempPath(), $"hss-{Guid.NewGuid():N}.toml");
        File.WriteAllText(toml, "[[tier]]\nread_latency_us=5\nwrite_latency_us=5\nread_mbps=3000\nwrite_mbps=3000\n" +
                                "[[tier]]\nread_latency_us=500\nwrite_latency_us=500\nread_mbps=300\nwrite_mbps=300\n");
        try
        {
            var (code, stdout, stderr) = Sim("--trace", TracePath("read-web.csv"), "--hss", toml, "--policy", "lru", "--json");
            Assert.True(code == 0, stderr);
            Assert.Contains("\"hss\":\"hss-", stdout);
        }
        finally { File.Delete(toml); }
    }

    [Fact]
    public void MalformedTraceFailsWithTheLineNumber()
    {
        string path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "128166372003061629,hm,1,Read,0,4096,1\n128166372003061630,hm,1,Reed,0,4096,1\n");
        try
        {
            var (code, _, stderr) = Sim("--trace", path, "--hss", "perf", "--policy", "static");
            Assert.Equal(1, code);
            Assert.Contains(":2:", stderr);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void GenTraceIsDeterministicAndValidatesArguments()
    {
        string a = Path.Combine(Path.GetTempPath(), $"g-{Guid.NewGuid():N}.csv");
        string b = a + ".2";
        try
        {
            var o = new StringWriter();
            Assert.Equal(0, GenTraceCommand.Run(["--pattern", "read-web", "--requests", "500", "--seed", "4", "--out", a, "--footprint", "128MiB"], o, o));
            Assert.Equal(0, GenTraceCommand.Run(["--pattern", "read-web", "--requests", "500", "--seed", "4", "--out", b, "--footprint", "128MiB"], o, o));
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            Assert.Equal(500, File.ReadAllLines(a).Length);
            var e = new StringWriter();
            Assert.Equal(2, GenTraceCommand.Run(["--pattern", "spiral", "--requests", "5", "--seed", "1", "--out", a], o, e));
            Assert.Contains("usage:", e.ToString());
            Assert.Equal(2, GenTraceCommand.Run(["--pattern", "zipf", "--requests", "0", "--seed", "1", "--out", a], o, e));
        }
        finally { File.Delete(a); File.Delete(b); }
    }
}
