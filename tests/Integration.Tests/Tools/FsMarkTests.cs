using TieredFs.Integration.Tests.Infrastructure;
using TieredFs.Integration.Tests.Posix;

namespace TieredFs.Integration.Tests.Tools;

/// <summary>fs_mark: 2 loops × 200 files of 64 KiB, each fsync'd (-S 1) — metadata + fsync-heavy small files.</summary>
public abstract class FsMarkTests(IPosixTarget target) : PosixTestBase(target)
{
    [Fact]
    public void SmallFilesWithFsync()
    {
        var exe = ProcessRunner.Require("fs_mark", "fsmark");
        // "-d ." with the test dir as cwd: fs_mark rejects directory paths of 40 bytes or more.
        var r = ProcessRunner.Run(exe, ["-d", ".", "-n", "200", "-s", "65536", "-L", "2", "-S", "1"],
            TimeSpan.FromMinutes(2), workingDirectory: Dir);
        Assert.False(r.TimedOut, $"fs_mark timed out. {r.Describe()}");
        Assert.True(r.ExitCode == 0, $"fs_mark exit code {r.ExitCode}. {r.Describe()}");
        // Two result rows, the second with the cumulative count of 400 files.
        var rows = r.Stdout.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5 && f.All(x => double.TryParse(x, System.Globalization.CultureInfo.InvariantCulture, out _)))
            .ToList();
        Assert.True(rows.Count == 2 && rows[1][1] == "400", $"unexpected fs_mark result table. {r.Describe()}");
        // fs_mark also leaves its own log (fs_log.txt) in the cwd
        var files = Directory.GetFiles(Dir).Where(f => !Path.GetFileName(f).StartsWith("fs_log", StringComparison.Ordinal)).ToList();
        Assert.Equal(400, files.Count);
        Assert.All(files, f => Assert.Equal(65536, new FileInfo(f).Length));
    }
}

public sealed class NativeDirectoryFsMarkTests(NativeDirectoryTarget t) : FsMarkTests(t), IClassFixture<NativeDirectoryTarget>;

public sealed class MountedFsMarkTests(ToolsMountedTarget t) : FsMarkTests(t), IClassFixture<ToolsMountedTarget>;
