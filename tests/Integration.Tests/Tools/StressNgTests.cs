using System.Text.RegularExpressions;
using TieredFs.Integration.Tests.Infrastructure;
using TieredFs.Integration.Tests.Posix;

namespace TieredFs.Integration.Tests.Tools;

/// <summary>
/// stress-ng's whole 'filesystem' class, one stressor at a time for 2 s each with --verify, in a directory on the
/// target. The test fails listing every stressor that failed, so one run shows the full picture.
/// </summary>
public abstract partial class StressNgTests(IPosixTarget target) : PosixTestBase(target)
{
    /// <summary>
    /// Excluded because they fail or skip on a plain ext4 directory on this kernel too (environment, not tiered-fs):
    /// binderfs — needs the binderfs kernel filesystem (ENODEV), aborts with "out of resources";
    /// verity — fs-verity is not available here; skips itself.
    /// </summary>
    private static readonly string[] Excluded = ["binderfs", "verity"];

    /// <summary>stress-ng exit codes that mean "fine" (0) or "skipped for lack of resources/support" (3, 4).</summary>
    private static readonly int[] AcceptableExitCodes = [0, 3, 4];

    [Fact]
    public void FilesystemClass_SequentialWithVerify()
    {
        var exe = ProcessRunner.Require("stress-ng", "stress-ng");
        var r = ProcessRunner.Run(exe,
            ["--class", "filesystem", "--sequential", "1", "-t", "2", "--verify", "--temp-path", Dir,
             "--exclude", string.Join(',', Excluded)],
            TimeSpan.FromMinutes(5), workingDirectory: Dir);
        var failed = FailedStressors(r.Stdout + r.Stderr);
        Assert.False(r.TimedOut, $"stress-ng timed out (a hang in the filesystem?). {r.Describe()}");
        // stress-ng may exit 0 despite "fail:" lines, so those lines decide; show them before the output tail.
        var failLines = (r.Stdout + r.Stderr).Split('\n')
            .Where(l => l.Contains(" fail: ", StringComparison.Ordinal) || l.Contains("aborted", StringComparison.Ordinal)
                        || l.Contains("terminated", StringComparison.Ordinal))
            .Take(60);
        Assert.True(failed.Count == 0 && AcceptableExitCodes.Contains(r.ExitCode),
            $"stress-ng failed stressors: [{string.Join(", ", failed)}] (exit {r.ExitCode}).\n" +
            $"--- failure lines ---\n{string.Join('\n', failLines)}\n{r.Describe()}");
    }

    /// <summary>Stressor names from "fail:" lines, the "failed: N: a (1) b (2)" summary and abnormal terminations.</summary>
    public static SortedSet<string> FailedStressors(string output)
    {
        var names = new SortedSet<string>();
        foreach (Match m in FailLine().Matches(output)) names.Add(m.Groups[1].Value);
        foreach (Match m in SummaryLine().Matches(output))
            foreach (Match n in SummaryName().Matches(m.Groups[1].Value))
                names.Add(n.Groups[1].Value);
        foreach (Match m in AbnormalLine().Matches(output))
            if (!Excluded.Contains(m.Groups[1].Value)) names.Add(m.Groups[1].Value);
        return names;
    }

    [GeneratedRegex(@"stress-ng: fail:\s+\[\d+\]\s+([a-z0-9-]+):", RegexOptions.Multiline)]
    private static partial Regex FailLine();

    [GeneratedRegex(@"\bfailed: \d+: (.*)$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"([a-z0-9-]+) \(\d+\)")]
    private static partial Regex SummaryName();

    [GeneratedRegex(@"process \[\d+\] \(([a-z0-9-]+)\) (?:terminated|aborted|exited)", RegexOptions.Multiline)]
    private static partial Regex AbnormalLine();
}

public sealed class NativeDirectoryStressNgTests(NativeDirectoryTarget t) : StressNgTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedStressNgTests(ToolsMountedTarget t) : StressNgTests(t), IClassFixture<ToolsMountedTarget>;
