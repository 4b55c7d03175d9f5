namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>
/// Runs a shell snippet as uid/gid 65534 with no supplementary groups (setpriv from util-linux), to check
/// permission enforcement (default_permissions) and allow_other from another user's point of view.
/// </summary>
public static class Nobody
{
    public const int Uid = 65534, Gid = 65534;

    /// <summary>Runs <c>sh -c script</c> as nobody; <paramref name="args"/> become $1, $2, ... (no quoting issues).</summary>
    public static ProcessResult Sh(string script, params string[] args)
    {
        var setpriv = ProcessRunner.Require("setpriv", "util-linux");
        string[] argv = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/sh", "-c", script, "sh", .. args];
        return ProcessRunner.Run(setpriv, argv, TimeSpan.FromSeconds(30), workingDirectory: "/");
    }
}
