namespace TieredFs.Service.Tests.Infrastructure;

/// <summary>Where the daemon under test and the checked-in deploy files are.</summary>
internal static class RepoPaths
{
    /// <summary>The daemon built next to the tests (the project reference copies it here).</summary>
    public static string DaemonDll => Path.Combine(AppContext.BaseDirectory, "tieredfs.dll");

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "deploy", "tieredfs@.service")))
                    return dir.FullName;
            }
            throw new InvalidOperationException("cannot find the repository root (deploy/tieredfs@.service) above " + AppContext.BaseDirectory);
        }
    }

    public static string Deploy(string file) => Path.Combine(Root, "deploy", file);
}
