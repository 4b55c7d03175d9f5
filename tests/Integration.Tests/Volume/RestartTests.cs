using System.Text;
using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>A clean restart with the same config shows the same tree: names, types, contents, metadata, xattrs.</summary>
public sealed class RestartTests : VolumeTestBase
{
    private static VolumeSpec Spec => new()
    {
        ExtentSize = 64 * KiB,
        Tiers = [new TierSpec("fast", MiB), new TierSpec("slow")],
    };

    private static void Populate(TestVolume v)
    {
        Native.Mkdir(v.P("a"));
        Native.Mkdir(v.P("a/b"));
        File.WriteAllBytes(v.P("a/b/big"), Random(3 * MiB + 17, 1));
        File.WriteAllBytes(v.P("small"), "hello"u8.ToArray());
        using (var fd = Native.Open(v.P("sparse"), Native.O_WRONLY | Native.O_CREAT))
            Native.PWriteAll(fd, "end"u8, 10 * MiB);
        using (Native.Open(v.P("empty"), Native.O_WRONLY | Native.O_CREAT)) { }
        Native.Symlink("a/b/big", v.P("link"));
        Native.Link(v.P("small"), v.P("a/hard"));
        Native.Mkfifo(v.P("fifo"));
        Native.SetXattr(v.P("small"), "user.note", "kept"u8);
        Native.SetXattr(v.P("a"), "user.dir", "d"u8);
        Native.Chmod(v.P("small"), 0x1A0);
        Native.Chown(v.P("a/b/big"), 65534, 65534);
        Native.Utimens(v.P("a/b"), 1_000_000_000, 5, 1_100_000_000, 7);
    }

    /// <summary>Everything observable about the tree, as text (so a failure shows a readable diff).</summary>
    private static string Snapshot(TestVolume v)
    {
        var sb = new StringBuilder();
        void Walk(string dir)
        {
            foreach (var e in Native.ReadDir(dir).OrderBy(e => e.NameString, StringComparer.Ordinal))
            {
                var p = Path.Combine(dir, e.NameString);
                var st = Native.Lstat(p);
                sb.Append($"{Path.GetRelativePath(v.Path, p)} ino={st.Ino} mode={st.Mode:x} nlink={st.Nlink} uid={st.Uid} gid={st.Gid}");
                sb.Append($" mtime={st.MtimeSec}.{st.MtimeNsec:D9}");
                if (st.IsRegular) sb.Append($" size={st.Size} sha={Sha(File.ReadAllBytes(p))}");
                if (st.IsSymlink) sb.Append($" -> {Native.Readlink(p)}");
                if (!st.IsSymlink && !st.IsFifo)
                    foreach (var x in Native.ListXattr(p).Where(x => x != "user.tieredfs.extents").Order())
                        sb.Append($" {x}={Convert.ToHexString(Native.GetXattr(p, x))}");
                sb.Append('\n');
                if (st.IsDirectory) Walk(p);
            }
        }
        Walk(v.Path);
        return sb.ToString();
    }

    [Fact]
    public void CleanRestart_SameTree()
    {
        using var v = TestVolume.Mount(Spec, "restart");
        Populate(v);
        var before = Snapshot(v);
        v.Remount();
        Assert.Equal(before, Snapshot(v));
        v.Remount();
        Assert.Equal(before, Snapshot(v));
    }

    [Fact]
    public void UnmountCommand_ThenMount_SameTree()
    {
        using var v = TestVolume.Mount(Spec, "restart-cmd");
        Populate(v);
        var before = Snapshot(v);
        var r = v.Unmount();
        Assert.True(r.ExitCode == 0, $"tieredfs unmount failed: {r.Describe()}");
        Assert.True(v.Daemon!.WaitForExit(TestVolume.StopTimeout), "daemon still running after tieredfs unmount");
        Assert.Equal(0, v.Daemon.ExitCode);
        v.Start();
        Assert.Equal(before, Snapshot(v));
    }

    [Fact]
    public void RootInodeIsOne_AcrossRestarts()
    {
        using var v = TestVolume.Mount(Spec, "restart-root");
        Assert.Equal(1ul, Native.Stat(v.Path).Ino);
        v.Remount();
        Assert.Equal(1ul, Native.Stat(v.Path).Ino);
    }
}
