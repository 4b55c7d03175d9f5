using System.Diagnostics;
using System.Text;

namespace TieredFs.Integration.Tests.Infrastructure;

public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, bool TimedOut)
{
    /// <summary>Everything a failing assertion should show about the run.</summary>
    public string Describe() =>
        $"`{Command}` exited {(TimedOut ? "TIMEOUT" : ExitCode.ToString())}\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

    private static string Tail(string s) => s.Length <= 8000 ? s : "...\n" + s[^8000..];
}

/// <summary>Runs external programs (the daemon's one-shot commands, Debian tools, setpriv) with a hard timeout.</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(string file, IEnumerable<string> args, TimeSpan timeout,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Error strings are matched by tests; force the C locale.
        psi.Environment["LC_ALL"] = "C";
        if (env != null)
            foreach (var (k, v) in env) psi.Environment[k] = v;

        var command = file + " " + string.Join(' ', psi.ArgumentList);
        using var p = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (stdout) stdout.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
        try
        {
            p.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(command, 127, "", $"cannot start {file}: {e.Message}", false);
        }
        p.StandardInput.Close();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var timedOut = !p.WaitForExit(timeout);
        if (timedOut)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit(5000);
        }
        else
        {
            p.WaitForExit(); // drain the async readers
        }
        lock (stdout) lock (stderr)
            return new ProcessResult(command, timedOut ? -1 : p.ExitCode, stdout.ToString(), stderr.ToString(), timedOut);
    }

    public static ProcessResult Run(string file, params string[] args) => Run(file, args, TimeSpan.FromSeconds(60));

    /// <summary>Full path of a program on PATH, or null.</summary>
    public static string? Which(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            if (dir.Length == 0) continue;
            var full = Path.Combine(dir, program);
            if (File.Exists(full)) return full;
        }
        foreach (var dir in new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" })
        {
            var full = Path.Combine(dir, program);
            if (File.Exists(full)) return full;
        }
        return null;
    }

    /// <summary>A required external tool: fails the test (never skips) with the Debian package to install.</summary>
    public static string Require(string program, string debianPackage) =>
        Which(program) ?? throw new Xunit.Sdk.XunitException(
            $"required tool '{program}' not found on PATH; install the Debian package '{debianPackage}' " +
            "(CI installs it, see tests/Integration.Tests/README.md)");
}
