using System.Diagnostics;
using System.Text;

namespace TieredFs.Integration.Tests.Infrastructure;

/// <summary>A running <c>tieredfs mount</c> (foreground) with its stdout+stderr captured for failure messages.</summary>
public sealed class DaemonProcess : IDisposable
{
    private const int MaxLog = 64 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    public string CommandLine { get; }

    private DaemonProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    public static DaemonProcess Start(IEnumerable<string> args)
    {
        var (file, a) = DaemonBinary.Command(args);
        if (SigintIgnored() && ProcessRunner.Which("perl") is { } perl)
        {
            // A test host started from a non-interactive shell's background job inherits SIGINT as ignored, and
            // an ignored signal stays ignored across exec (.NET honours that), so "SIGINT stops the daemon" could
            // not be tested. perl (Essential in Debian) restores the default disposition before exec'ing.
            a = ["-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\"", "--", file, .. a];
            file = perl;
        }
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var x in a) psi.ArgumentList.Add(x);
        var d = new DaemonProcess(new Process { StartInfo = psi }, file + " " + string.Join(' ', a));
        d._process.OutputDataReceived += (_, e) =>
        {
            d.Append(e.Data);
            if (e.Data != null)
                lock (d._stdout)
                    if (d._stdout.Length < MaxLog) d._stdout.AppendLine(e.Data);
        };
        d._process.ErrorDataReceived += (_, e) =>
        {
            d.Append(e.Data);
            if (e.Data != null)
                lock (d._stderr)
                    if (d._stderr.Length < MaxLog) d._stderr.AppendLine(e.Data);
        };
        d._process.Start();
        d._process.StandardInput.Close();
        d._process.BeginOutputReadLine();
        d._process.BeginErrorReadLine();
        return d;
    }

    /// <summary>Bit 2 (SIGINT) of SigIgn in /proc/self/status.</summary>
    private static bool SigintIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line != null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (Native.SIGINT - 1))) != 0;
    }

    private void Append(string? line)
    {
        if (line == null) return;
        lock (_log)
        {
            _log.AppendLine(line);
            if (_log.Length > MaxLog) _log.Remove(0, _log.Length - MaxLog);
        }
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The daemon's output so far (stdout and stderr interleaved, last 64 KiB).</summary>
    public string Output
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>stdout alone (first 64 KiB).</summary>
    public string Stdout
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    /// <summary>stderr alone (first 64 KiB), for asserting on diagnostics the contract puts there.</summary>
    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public string Describe() =>
        $"`{CommandLine}` {(HasExited ? $"exited with code {ExitCode}" : "still running")}\n--- daemon output ---\n{Output}--- end ---";

    public void Signal(int signal)
    {
        if (!_process.HasExited) Native.Kill(_process.Id, signal);
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit(); // flush async output
        return true;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
