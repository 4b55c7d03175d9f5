using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>
/// Issue 10, finding 5: every delete of a file that never had data on a tier logged a warning
/// with a DirectoryNotFoundException stack (39,540 lines for 20,000 deletes). A missing data file
/// or shard directory is the normal case and must be silent.
/// </summary>
public sealed class QuietRemovalTests : VolumeTestBase
{
    [Fact]
    public void Deleting1000FilesThatNeverHadData_LogsNoWarning()
    {
        using var v = TestVolume.Mount(new VolumeSpec(), "quietrm");
        Native.Mkdir(v.P("d"));
        for (var i = 0; i < 1000; i++)
            Native.Open(v.P($"d/f{i}"), Native.O_WRONLY | Native.O_CREAT).Dispose();
        for (var i = 0; i < 1000; i++)
            Native.Unlink(v.P($"d/f{i}"));
        Native.Rmdir(v.P("d"));
        Assert.Empty(Native.ReadDir(v.Path));

        // Stop first: the daemon's output is complete only once it has exited.
        Assert.True(v.Stop() == 0, v.ToString());
        var output = v.Daemon!.Output;
        var noisy = output.Split('\n').Where(l => l.Contains(" WRN ") || l.Contains(" ERR ") || l.Contains("Exception")).ToList();
        Assert.True(noisy.Count == 0, $"{noisy.Count} warning/error lines, e.g.:\n{string.Join("\n", noisy.Take(5))}");
    }
}
