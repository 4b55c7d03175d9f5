using TieredFs.Integration.Tests.Infrastructure;
using TieredFs.Integration.Tests.Posix;

namespace TieredFs.Integration.Tests.Tools;

/// <summary>dbench (SMB-like file server load, 4 clients, 10 s) in a directory on the target.</summary>
public abstract class DbenchTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void FourClientsTenSeconds_NoErrors()
    {
        var exe = ProcessRunner.Require("dbench", "dbench");
        var r = ProcessRunner.Run(exe, ["-D", Dir, "-t", "10", "4"], TimeSpan.FromMinutes(2), workingDirectory: Dir);
        Assert.False(r.TimedOut, $"dbench timed out. {r.Describe()}");
        Assert.True(r.ExitCode == 0, $"dbench exit code {r.ExitCode}. {r.Describe()}");
        // dbench reports per-operation problems as "(line) ERROR: ..." / "Unexpected ..." without always failing.
        // ("failed to create barrier semaphore" is printed on plain ext4 too and is harmless.)
        var errors = (r.Stdout + r.Stderr).Split('\n')
            .Where(l => l.Contains("ERROR", StringComparison.Ordinal) || l.Contains("Unexpected", StringComparison.Ordinal))
            .ToList();
        Assert.True(errors.Count == 0, $"dbench reported errors:\n{string.Join('\n', errors.Take(30))}\n{r.Describe()}");
        Assert.Contains("Throughput", r.Stdout);
    }
}

public sealed class NativeDirectoryDbenchTests(NativeDirectoryTarget t) : DbenchTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedDbenchTests(ToolsMountedTarget t) : DbenchTests(t), IClassFixture<ToolsMountedTarget>;
