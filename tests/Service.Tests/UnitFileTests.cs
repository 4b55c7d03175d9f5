using System.Diagnostics;
using TieredFs.Service.Tests.Infrastructure;

namespace TieredFs.Service.Tests;

/// <summary>deploy/tieredfs@.service: systemd accepts it, and it keeps the promises the guide makes.</summary>
public sealed class UnitFileTests
{
    private static readonly string s_unit = File.ReadAllText(RepoPaths.Deploy("tieredfs@.service"));

    [Fact]
    public void SystemdAnalyzeVerifyAcceptsTheUnit()
    {
        string? analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        if (analyze is null)
            return; // Not installed: RequiredKeysArePresent still checks the unit.
        string dir = Directory.CreateTempSubdirectory("tfs-unit-").FullName;
        try
        {
            // verify insists the executables exist; point them at one that does. Instance "media".
            File.WriteAllText(Path.Combine(dir, "tieredfs@media.service"), s_unit.Replace("/usr/local/bin/tieredfs", "/bin/true"));
            var psi = new ProcessStartInfo(analyze) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = dir };
            psi.ArgumentList.Add("verify");
            psi.ArgumentList.Add(Path.Combine(dir, "tieredfs@media.service"));
            using var p = Process.Start(psi)!;
            string output = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(30_000));
            Assert.True(p.ExitCode == 0, output);
            Assert.DoesNotContain("tieredfs@media.service:", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("Type=notify")]
    [InlineData("NotifyAccess=main")]
    [InlineData("ExecStart=/usr/local/bin/tieredfs mount --config /etc/tieredfs/%i.toml")]
    [InlineData("ExecReload=/bin/kill -HUP $MAINPID")]
    [InlineData("ExecStop=-/usr/local/bin/tieredfs unmount --config /etc/tieredfs/%i.toml")]
    [InlineData("ExecStopPost=-/usr/local/bin/tieredfs unmount --dead-only --config /etc/tieredfs/%i.toml")]
    [InlineData("Restart=on-failure")]
    [InlineData("WatchdogSec=")]
    [InlineData("RuntimeDirectory=tieredfs")]
    [InlineData("RuntimeDirectoryPreserve=yes")]
    [InlineData("WantedBy=multi-user.target")]
    public void RequiredKeysArePresent(string line) =>
        Assert.Contains(s_unit.Split('\n'), l => l.StartsWith(line, StringComparison.Ordinal));
}
