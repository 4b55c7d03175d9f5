using System.Text;
using TieredFs.Tiering.Metadata;
using TieredFs.Tiering.Tests.Infrastructure;
using TieredFs.Tiering.Volume;
using VolumeT = TieredFs.Tiering.Volume.Volume;

namespace TieredFs.Tiering.Tests.Metadata;

/// <summary>
/// The metadata store on a filesystem that data has filled (a real 16 MiB tmpfs holding the only
/// tier and, by default, the metadata): new names get ENOSPC, never EIO; removals still work and
/// give the space back, also after a restart on the full filesystem; and an operation that fails
/// leaves memory and store alike (what the volume answers now is what it answers after a restart).
/// </summary>
public sealed class FullMetadataFilesystemTests
{
    private const int Extent = 64 << 10;
    private const int MiB = 1 << 20;
    private const ulong Root = VolumeT.RootIno;
    private static readonly Caller Caller = new(0, 0);

    private static VolumeOptions OptionsOn(SmallTmpfs fs) =>
        new(Extent, MetadataDir: null, [new TierOptions("only", Path.Combine(fs.Path, "tier"))]);

    private static VolumeT Open(VolumeOptions options) => VolumeT.Open(options, placement: null, flushInterval: TimeSpan.FromHours(1));

    private static byte[] N(string name) => Encoding.UTF8.GetBytes(name);

    private static ulong CreateFile(VolumeT v, string name, int bytes)
    {
        Assert.Equal(0, v.Create(Caller, Root, N(name), 0x1A4, 2, out var attributes, out ulong handle));
        Assert.Equal(0, v.Write(handle, 0, new byte[bytes], honourAppend: false, out int written));
        Assert.Equal(bytes, written);
        Assert.Equal(0, v.Flush(handle));
        Assert.Equal(0, v.Release(handle));
        return attributes.Ino;
    }

    private static int TryCreate(VolumeT v, string name)
    {
        int rc = v.Create(Caller, Root, N(name), 0x1A4, 2, out _, out ulong handle);
        if (rc == 0)
            v.Release(handle);
        return rc;
    }

    private static string[] Names(VolumeT v)
    {
        Assert.Equal(0, v.OpenDirectory(Root, 0, out ulong handle));
        Assert.Equal(0, v.ListDirectory(handle, 0, out var entries));
        v.ReleaseDirectory(handle);
        return entries.Select(e => Encoding.UTF8.GetString(e.Name)).Where(n => n is not ("." or "..")).Order().ToArray();
    }

    private static NodeAttributes Stat(VolumeT v, string name)
    {
        Assert.Equal(0, v.Lookup(Root, N(name), out var attributes));
        Assert.Equal(0, v.GetAttributes(attributes.Ino, out var byIno));
        Assert.Equal(attributes, byIno);
        return attributes;
    }

    private static NodeAttributes RootAttributes(VolumeT v)
    {
        Assert.Equal(0, v.GetAttributes(Root, out var attributes));
        return attributes;
    }

    /// <summary>Every listed name can be looked up (the finding: ls listed a file that stat called ENOENT).</summary>
    private static void AssertListingAndLookupAgree(VolumeT v, params string[] expected)
    {
        Assert.Equal(expected.Order().ToArray(), Names(v));
        foreach (string name in expected)
            Stat(v, name);
    }

    [Fact]
    public void New_names_get_ENOSPC_and_leave_no_trace_in_memory_or_store()
    {
        using var fs = SmallTmpfs.Mount(16 * MiB);
        var options = OptionsOn(fs);
        var v = Open(options);
        try
        {
            ulong a = CreateFile(v, "a", MiB);
            CreateFile(v, "b", MiB);
            Assert.Equal(0, v.MkDir(Caller, Root, N("d"), 0x1ED, out _));
            var rootBefore = RootAttributes(v);
            var aBefore = Stat(v, "a");
            var bBefore = Stat(v, "b");
            fs.Fill("ballast");

            Assert.Equal(PosixError.ENOSPC, TryCreate(v, "new"));
            Assert.Equal(PosixError.ENOSPC, v.MkDir(Caller, Root, N("newdir"), 0x1ED, out _));
            Assert.Equal(PosixError.ENOSPC, v.Symlink(Caller, Root, N("link"), N("a"), out _));
            Assert.Equal(PosixError.ENOSPC, v.Link(a, Root, N("a2"), out _));
            // A rename over an existing file removes that file: it must fail as a whole.
            Assert.Equal(PosixError.ENOSPC, v.Rename(Root, N("a"), Root, N("b"), 0));

            void AssertUnchanged()
            {
                AssertListingAndLookupAgree(v, "a", "b", "d");
                foreach (string gone in new[] { "new", "newdir", "link", "a2" })
                    Assert.Equal(PosixError.ENOENT, v.Lookup(Root, N(gone), out _));
                Assert.Equal(aBefore, Stat(v, "a"));
                Assert.Equal(bBefore, Stat(v, "b"));
                var root = RootAttributes(v);
                Assert.Equal(rootBefore.Nlink, root.Nlink);
                Assert.Equal(rootBefore.MtimeNs, root.MtimeNs);
            }

            AssertUnchanged();
            // The store says the same: restart on the still full filesystem.
            v.Dispose();
            v = Open(options);
            AssertUnchanged();
            Assert.Equal(PosixError.ENOSPC, TryCreate(v, "new"));
        }
        finally
        {
            v.Dispose();
        }
    }

    [Fact]
    public void Removals_work_on_a_full_filesystem_and_give_the_space_back_also_after_a_restart()
    {
        using var fs = SmallTmpfs.Mount(16 * MiB);
        var options = OptionsOn(fs);
        var v = Open(options);
        try
        {
            ulong a = CreateFile(v, "a", MiB);
            CreateFile(v, "b", MiB);
            CreateFile(v, "c", MiB);
            Assert.Equal(0, v.MkDir(Caller, Root, N("d"), 0x1ED, out _));

            // Fill the filesystem through the volume itself, as the finding did.
            Assert.Equal(0, v.Create(Caller, Root, N("big"), 0x1A4, 2, out _, out ulong big));
            var chunk = new byte[Extent];
            long offset = 0;
            int rc;
            do
            {
                rc = v.Write(big, offset, chunk, honourAppend: false, out int written);
                offset += written;
            }
            while (rc == 0 && offset < 64L * MiB);
            Assert.Equal(PosixError.ENOSPC, rc);
            Assert.Contains(v.Flush(big), new[] { 0, PosixError.ENOSPC });
            Assert.Contains(v.Release(big), new[] { 0, PosixError.ENOSPC });
            // The failed write gave its extent back, so a few names may still fit: then ENOSPC.
            var fitted = new List<string>();
            int created;
            while ((created = TryCreate(v, $"new-{fitted.Count}")) == 0 && fitted.Count < 200)
                fitted.Add($"new-{fitted.Count}");
            Assert.Equal(PosixError.ENOSPC, created);

            Assert.Equal(0, v.Unlink(Root, N("a")));
            Assert.Equal(0, v.RmDir(Root, N("d")));
            Assert.False(File.Exists(v.Tiers[0].DataFilePath(a)), "the data file of a removed file must be gone");
            AssertListingAndLookupAgree(v, ["b", "c", "big", .. fitted]);

            // Full again, then a restart: removals must still work.
            fs.Fill("ballast");
            v.Dispose();
            v = Open(options);
            Assert.Equal(0, v.Unlink(Root, N("b")));
            AssertListingAndLookupAgree(v, ["c", "big", .. fitted]);

            long before = fs.AvailableBytes;
            Assert.Equal(0, v.Unlink(Root, N("big")));
            Assert.True(fs.AvailableBytes > before + 4 * MiB, $"removing the big file freed only {fs.AvailableBytes - before} bytes");
            // With space back the reserve is taken again and new names are welcome.
            Assert.Equal(0, TryCreate(v, "new"));
            AssertListingAndLookupAgree(v, ["c", "new", .. fitted]);
        }
        finally
        {
            v.Dispose();
        }
    }

    [Fact]
    public void A_removal_that_cannot_fit_changes_nothing_in_memory_or_store()
    {
        using var fs = SmallTmpfs.Mount(16 * MiB);
        var options = OptionsOn(fs);
        var v = Open(options);
        try
        {
            CreateFile(v, "a", MiB);
            Assert.Equal(0, v.MkDir(Caller, Root, N("d"), 0x1ED, out _));
            var rootBefore = RootAttributes(v);
            var aBefore = Stat(v, "a");
            var dBefore = Stat(v, "d");
            string ballast = fs.Fill("ballast");
            // Another program took the space of the reserve as well: now nothing can make room.
            File.Delete(Path.Combine(fs.Path, "tier", "meta", "tieredfs.reserve"));
            fs.Fill("ballast");

            Assert.Equal(PosixError.ENOSPC, v.Unlink(Root, N("a")));
            Assert.Equal(PosixError.ENOSPC, v.RmDir(Root, N("d")));

            void AssertUnchanged()
            {
                AssertListingAndLookupAgree(v, "a", "d");
                Assert.Equal(aBefore, Stat(v, "a"));
                Assert.Equal(dBefore, Stat(v, "d"));
                var root = RootAttributes(v);
                Assert.Equal(rootBefore.Nlink, root.Nlink);
                Assert.Equal(rootBefore.MtimeNs, root.MtimeNs);
            }

            AssertUnchanged();
            File.Delete(ballast);
            v.Dispose();
            v = Open(options);
            AssertUnchanged();
            Assert.Equal(0, v.Unlink(Root, N("a")));
            Assert.Equal(0, v.RmDir(Root, N("d")));
            AssertListingAndLookupAgree(v);
        }
        finally
        {
            v.Dispose();
        }
    }
}
