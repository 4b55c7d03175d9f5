using System.Diagnostics;
using System.Text.RegularExpressions;
using TieredFs.Integration.Tests.Infrastructure;
using TieredFs.Integration.Tests.Volume;

namespace TieredFs.Integration.Tests.Mount;

/// <summary>
/// Opcodes the POSIX suites do not reach on their own: COPY_FILE_RANGE, FORGET/BATCH_FORGET (the
/// kernel sends them when it evicts inodes) and INTERRUPT (a signal while a request is in flight).
/// The daemon logs how many requests of each opcode it served when it unmounts; these tests read
/// that line, so they prove the opcode reached the daemon, not just that the syscall worked.
/// </summary>
public sealed partial class OpcodeCoverageTests : VolumeTestBase
{
    private static VolumeSpec Spec => new() { ExtentSize = 64 * KiB, Tiers = [new TierSpec("fast", 1 * MiB), new TierSpec("slow")] };

    private static long Served(TestVolume v, string opcode)
    {
        var m = Regex.Match(v.Daemon!.Output, $@"\b{opcode}=(\d+)");
        return m.Success ? long.Parse(m.Groups[1].Value) : 0;
    }

    private static ProcessResult Python(string script, TimeSpan timeout) =>
        ProcessRunner.Run(ProcessRunner.Require("python3", "python3"), ["-c", script], timeout);

    [Fact]
    public void CopyFileRange_AcrossExtentsAndTiers_CopiesExactBytes()
    {
        using var v = TestVolume.Mount(Spec, "copyrange");
        var data = Random(40 * 64 * KiB + 1234, 7); // spans both tiers (fast holds 14 extents)
        WriteDurably(v.P("src"), data);
        var r = Python($"""
            import os
            s = os.open({Quote(v.P("src"))}, os.O_RDONLY)
            d = os.open({Quote(v.P("dst"))}, os.O_WRONLY | os.O_CREAT, 0o644)
            total = 0
            while total < {data.Length}:
                n = os.copy_file_range(s, d, {data.Length} - total, total, total + 100)
                if n == 0: break
                total += n
            print(total)
            """, TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(data.Length.ToString(), r.Stdout.Trim());
        var copied = File.ReadAllBytes(v.P("dst"));
        Assert.Equal(data.Length + 100, copied.Length);
        Assert.True(copied.AsSpan(0, 100).IndexOfAnyExcept((byte)0) < 0, "the 100 bytes before the copy are a hole");
        Assert.True(copied.AsSpan(100).SequenceEqual(data), "copied bytes differ");
        Assert.Equal(0, v.Stop());
        Assert.True(Served(v, "CopyFileRange") > 0, "the kernel did not send COPY_FILE_RANGE: " + v.Daemon!.Output);
    }

    [Fact]
    public void Forget_AfterTheKernelDropsItsInodes_FilesStillResolve()
    {
        using var v = TestVolume.Mount(Spec, "forget");
        Directory.CreateDirectory(v.P("d"));
        for (int i = 0; i < 300; i++)
            File.WriteAllText(v.P($"d/f{i}"), $"file {i}");
        foreach (var f in Directory.GetFiles(v.P("d")))
            _ = new FileInfo(f).Length;
        // Evict dentries and inodes: the kernel answers with FORGET / BATCH_FORGET for each.
        File.WriteAllText("/proc/sys/vm/drop_caches", "2");
        for (int i = 0; i < 300; i++)
            Assert.Equal($"file {i}", File.ReadAllText(v.P($"d/f{i}")));
        Assert.Equal(0, v.Stop());
        Assert.True(Served(v, "Forget") + Served(v, "BatchForget") > 0, "no FORGET reached the daemon: " + v.Daemon!.Output);
    }

    [Fact]
    public void Interrupt_OfALongCopy_EndsItEarly_AndNothingIsCorrupted()
    {
        using var v = TestVolume.Mount(Spec with { Tiers = [new TierSpec("fast"), new TierSpec("slow")] }, "interrupt");
        const long size = 1L << 30;
        var r0 = Python($"""
            import os
            f = os.open({Quote(v.P("big"))}, os.O_WRONLY | os.O_CREAT, 0o644)
            chunk = os.urandom(1 << 20)
            for i in range({size >> 20}):
                os.pwrite(f, chunk, i << 20)
            os.close(f)
            """, TimeSpan.FromMinutes(3));
        Assert.True(r0.ExitCode == 0, r0.Describe());
        // A SIGUSR1 with a handler installed makes the kernel send INTERRUPT for the request the
        // thread is waiting on; the daemon stops the copy early and replies with what it copied.
        var r = Python($"""
            import os, signal, threading, time
            signal.signal(signal.SIGUSR1, lambda *a: None)
            done = threading.Event()
            def poke():
                # Keep signalling until the copy returns, so one signal surely lands while the
                # COPY_FILE_RANGE request is in flight (which thread and moment is up to the kernel).
                while not done.wait(0.05):
                    os.kill(os.getpid(), signal.SIGUSR1)
            s = os.open({Quote(v.P("big"))}, os.O_RDONLY)
            d = os.open({Quote(v.P("copy"))}, os.O_WRONLY | os.O_CREAT, 0o644)
            threading.Thread(target=poke, daemon=True).start()
            try:
                n = os.copy_file_range(s, d, {size}, 0, 0)
            except InterruptedError:
                n = -1
            done.set()
            print(n)
            """, TimeSpan.FromMinutes(3));
        Assert.True(r.ExitCode == 0, r.Describe());
        long copied = long.Parse(r.Stdout.Trim());
        Assert.True(copied < size, $"the copy was not cut short (copied {copied} of {size})");
        if (copied > 0)
        {
            using var a = File.OpenRead(v.P("big"));
            using var b = File.OpenRead(v.P("copy"));
            var x = new byte[1 << 20];
            var y = new byte[1 << 20];
            for (long done = 0; done < copied; done += x.Length)
            {
                int n = (int)Math.Min(x.Length, copied - done);
                a.ReadExactly(x, 0, n);
                b.ReadExactly(y, 0, n);
                Assert.True(x.AsSpan(0, n).SequenceEqual(y.AsSpan(0, n)), $"copy differs within the first {done + n} bytes");
            }
        }
        Assert.Equal(0, v.Stop());
        Assert.True(Served(v, "Interrupt") > 0, "no INTERRUPT reached the daemon: " + v.Daemon!.Output);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "\\'") + "'";
}
