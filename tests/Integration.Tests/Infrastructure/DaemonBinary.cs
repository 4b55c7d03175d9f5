namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// Locates the daemon under test. Default: <c>tieredfs.dll</c> copied into the test output by the project
/// reference, run through the dotnet muxer. <c>TIEREDFS_BIN</c> overrides it (an apphost or a .dll), so CI can
/// run the suite against a published build.
/// </summary>
public static class DaemonBinary
{
    public static (string File, List<string> Args) Command(IEnumerable<string> args)
    {
        var bin = Environment.GetEnvironmentVariable("TIEREDFS_BIN");
        if (string.IsNullOrEmpty(bin)) bin = Path.Combine(AppContext.BaseDirectory, "tieredfs.dll");
        if (!File.Exists(bin))
            throw new Xunit.Sdk.XunitException($"daemon binary not found at {bin} (build src/Daemon or set TIEREDFS_BIN)");
        if (bin.EndsWith(".dll", StringComparison.Ordinal))
            return (Muxer(), [bin, .. args]);
        return (bin, [.. args]);
    }

    public static ProcessResult Run(IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var (file, a) = Command(args);
        return ProcessRunner.Run(file, a, timeout ?? TimeSpan.FromSeconds(30));
    }

    public static ProcessResult Run(params string[] args) => Run(args, null);

    private static string Muxer()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        if (self != null && Path.GetFileName(self) == "dotnet") return self;
        return ProcessRunner.Which("dotnet") ?? "dotnet";
    }
}
