using System.Collections.Concurrent;
using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>
/// SIGKILL leaves a dead FUSE mount behind; <c>tieredfs mount</c> on the same mountpoint must detach it by itself,
/// and everything that was fsync'd before the kill must be there, byte for byte.
/// </summary>
public sealed class CrashRecoveryTests : VolumeTestBase
{
    private static VolumeSpec Spec => new()
    {
        ExtentSize = 64 * KiB,
        Tiers = [new TierSpec("fast", MiB), new TierSpec("slow")],
    };

    [Fact]
    public void KillAfterFsync_RemountWithoutRepair_DataIntact()
    {
        using var v = TestVolume.Mount(Spec, "crash");
        var big = Random(3 * MiB, 1); // spans both tiers (fast is 1 MiB)
        WriteDurably(v.P("big"), big);
        Native.Mkdir(v.P("dir"));
        var small = new Dictionary<string, byte[]>();
        for (var i = 0; i < 20; i++)
        {
            small[$"dir/f{i}"] = Random(1000 * i + 1, 100 + i);
            WriteDurably(v.P($"dir/f{i}"), small[$"dir/f{i}"]);
        }
        using (var d = Native.Open(v.P("dir"), Native.O_RDONLY | Native.O_DIRECTORY)) Native.Fsync(d);
        using (var d = Native.Open(v.Path, Native.O_RDONLY | Native.O_DIRECTORY)) Native.Fsync(d);

        v.Kill();
        // The dead mount is still there (ENOTCONN): this is the state the daemon must cope with.
        Assert.True(MountTable.IsTieredFsMounted(v.Path), "after SIGKILL the dead FUSE mount should still be listed");

        v.Start(); // no umount in between: the daemon must recover the mountpoint itself
        AssertSingleLiveMount(v);
        AssertFileEquals(big, v.P("big"));
        foreach (var (name, data) in small) AssertFileEquals(data, v.P(name));
        LayoutVerifier.Verify(v, v.P("big"), big);
    }

    [Fact]
    public void KillWithoutFsync_VolumeStillMountsAndIsConsistent()
    {
        using var v = TestVolume.Mount(Spec, "crash-nosync");
        var durable = Random(200 * KiB, 2);
        WriteDurably(v.P("durable"), durable);
        // Unsynced work in flight: its outcome is undefined, but it must not break the volume.
        using (var fd = Native.Open(v.P("volatile"), Native.O_WRONLY | Native.O_CREAT))
            Native.PWriteAll(fd, Random(500 * KiB, 3), 0);
        Native.Mkdir(v.P("newdir"));
        Native.Rename(v.P("durable"), v.P("durable2"));
        Native.Rename(v.P("durable2"), v.P("durable"));

        v.Kill();
        v.Start();
        AssertSingleLiveMount(v);
        AssertFileEquals(durable, v.P("durable"));
        foreach (var e in Native.ReadDir(v.Path))
        {
            var p = NativePath.Combine(v.Path, e.Name);
            var st = Native.Lstat(p);
            if (st.IsRegular) File.ReadAllBytes(p.ToString()); // readable, no EIO
        }
        // and it is writable again
        WriteDurably(v.P("after"), durable);
        AssertFileEquals(durable, v.P("after"));
    }

    [Fact]
    public void RepeatedKillsDuringWrites_AllFsyncedFilesSurvive()
    {
        using var v = TestVolume.Mount(Spec, "crash-loop");
        var durable = new ConcurrentDictionary<string, int>(); // name -> seed, recorded only after fsync returned
        var n = 0;
        for (var cycle = 0; cycle < 3; cycle++)
        {
            using var stop = new CancellationTokenSource();
            var writer = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var id = Interlocked.Increment(ref n);
                    var name = $"c{cycle}-f{id}";
                    try
                    {
                        WriteDurably(v.P(name), Random(Size(id), id));
                        durable[name] = id;
                    }
                    catch (Exception e) when (e is ErrnoException or IOException)
                    {
                        return; // the daemon died under us: expected
                    }
                }
            });
            writer.Start();
            Thread.Sleep(700 + cycle * 300);
            v.Kill();
            stop.Cancel();
            Assert.True(writer.Join(TimeSpan.FromSeconds(30)), "writer thread stuck after the daemon was killed");
            v.Start();
            AssertSingleLiveMount(v);
            foreach (var (name, seed) in durable) AssertFileEquals(Random(Size(seed), seed), v.P(name));
        }
        Assert.True(durable.Count > 3, $"only {durable.Count} files were written; the test did not exercise anything");
    }

    private static long Size(int id) => id % 5 * 50 * KiB + id;
}
