using TieredFs.Integration.Tests.Infrastructure;

namespace TieredFs.Integration.Tests.Volume;

/// <summary>
/// Issue 10, finding 2: the default metadata_dir lives inside the first tier, and data fills that
/// filesystem (a real 16 MiB tmpfs here). New names must get ENOSPC, never EIO; rm and rmdir must
/// still work and give the space back, also right after a remount of the full volume; and what
/// readdir lists, stat must find.
/// </summary>
public sealed class FullMetadataFilesystemTests : VolumeTestBase
{
    private static VolumeSpec Spec => new()
    {
        ExtentSize = 64 * KiB,
        Tiers = [new TierSpec("fast")], // capacity = the tmpfs; metadata in <fast>/meta
    };

    [Fact]
    public void FullFilesystem_NewNamesGetENOSPC_RemovalsWork_AlsoAfterRemount()
    {
        var v = TestVolume.Create(Spec, "metafull");
        var fs = SmallTmpfs.MountOn(v.TierPaths["fast"], 16 * MiB);
        try
        {
            v.Start();
            for (var i = 1; i <= 3; i++)
                WriteDurably(v.P($"keep-{i}"), Random(MiB, i));
            Native.Mkdir(v.P("dir"));

            Assert.Equal(Errno.ENOSPC, FillUntilError(v.P("filler")));
            var fitted = CreateNamesUntilENOSPC(v);
            AssertListingAndStatAgree(v, ["dir", "filler", "keep-1", "keep-2", "keep-3", .. fitted]);

            var keep1 = Native.Stat(v.P("keep-1")).Ino;
            Native.Unlink(v.P("keep-1"));
            Assert.Equal(Errno.ENOENT, Native.ErrnoOf(() => Native.Lstat(v.P("keep-1"))));
            Assert.False(File.Exists(v.DataFilePath("fast", keep1)), "rm must delete the file's data");
            AssertListingAndStatAgree(v, ["dir", "filler", "keep-2", "keep-3", .. fitted]);

            // Fill what rm freed (new files are refused now, so by growing the filler), then
            // remount the full volume: rm must work right away.
            Assert.Equal(Errno.ENOSPC, FillUntilError(v.P("filler")));
            v.Remount();
            Native.Unlink(v.P("keep-2"));
            Native.Rmdir(v.P("dir"));
            var names = Native.ReadDir(v.Path).Select(e => e.NameString).Order().ToArray();
            Assert.DoesNotContain("keep-2", names);
            Assert.DoesNotContain("dir", names);
            AssertListingAndStatAgree(v, names);

            long before = fs.AvailableBytes;
            Native.Unlink(v.P("filler"));
            Assert.True(fs.AvailableBytes > before + 8 * MiB, $"removing the filler freed only {fs.AvailableBytes - before} bytes");
            WriteDurably(v.P("after"), Random(MiB, 9));
            AssertListingAndStatAgree(v, ["after", "keep-3", .. fitted]);

            var code = v.Stop();
            Assert.True(code == 0, v.ToString());
            Assert.DoesNotContain(" ERR ", v.Daemon!.Output);
        }
        finally
        {
            v.Dispose();
            fs.Dispose();
            TempRoot.Delete(v.BaseDir);
        }
    }

    /// <summary>
    /// Writes 64 KiB pieces from the file's end until a write fails; returns the errno (the close
    /// may fail the same way).
    /// </summary>
    private static int FillUntilError(string path)
    {
        var fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT);
        var chunk = Random(64 * KiB, 3);
        long offset = Native.Fstat(fd).Size;
        int errno = 0;
        for (var end = offset + 64 * MiB; errno == 0 && offset < end;)
        {
            errno = Native.ErrnoOf(() => Native.PWriteAll(fd, chunk, offset));
            offset += chunk.Length;
        }
        // Exactly once: a failed close still frees the descriptor.
        var closed = Native.ErrnoOf(fd.Dispose);
        Assert.True(closed is 0 or Errno.ENOSPC, $"close of {path} on a full volume: {Errno.Name(closed)}");
        return errno;
    }

    /// <summary>
    /// Creates files, directories, symlinks and hard links until each kind gets an error, which
    /// must be ENOSPC and leave no name behind. Returns the names that still fitted: the write
    /// that failed gave its extent back, so a few may.
    /// </summary>
    private static List<string> CreateNamesUntilENOSPC(TestVolume v)
    {
        var kinds = new (string Prefix, Action<string> Create)[]
        {
            ("new-file-", p => Native.Open(p, Native.O_WRONLY | Native.O_CREAT | Native.O_EXCL).Dispose()),
            ("new-dir-", p => Native.Mkdir(p)),
            ("new-link-", p => Native.Symlink("keep-3", p)),
            ("new-hardlink-", p => Native.Link(v.P("keep-3"), p)),
        };
        var fitted = new List<string>();
        foreach (var (prefix, create) in kinds)
        {
            for (var i = 0; ; i++)
            {
                var name = prefix + i;
                var errno = Native.ErrnoOf(() => create(v.P(name)));
                if (errno == 0 && i < 200)
                {
                    fitted.Add(name);
                    continue;
                }
                Assert.True(errno == Errno.ENOSPC, $"creating {name} on a full volume: {Errno.Name(errno)}, expected ENOSPC");
                Assert.Equal(Errno.ENOENT, Native.ErrnoOf(() => Native.Lstat(v.P(name))));
                break;
            }
        }
        return fitted;
    }

    /// <summary>readdir lists exactly <paramref name="expected"/>, and stat finds each with the inode number readdir gave.</summary>
    private static void AssertListingAndStatAgree(TestVolume v, params string[] expected)
    {
        var entries = Native.ReadDir(v.Path);
        Assert.Equal(expected.Order().ToArray(), entries.Select(e => e.NameString).Order().ToArray());
        foreach (var e in entries)
            Assert.Equal(e.Ino, Native.Lstat(v.P(e.NameString)).Ino);
    }
}
