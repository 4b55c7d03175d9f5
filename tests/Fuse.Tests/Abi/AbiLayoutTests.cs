using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TieredFs.Fuse.Protocol.Abi;

namespace TieredFs.Fuse.Tests.Abi;

/// <summary>
/// The ABI structs are read from and written to the wire with MemoryMarshal, so their managed
/// layout must equal the C layout in linux/fuse.h byte for byte. Expected values were taken from
/// sizeof/offsetof in a C program compiled against /usr/include/linux/fuse.h (7.38).
/// </summary>
public class AbiLayoutTests
{
    [Theory]
    [InlineData(typeof(InHeader), 40)]
    [InlineData(typeof(OutHeader), 16)]
    [InlineData(typeof(FuseAttr), 88)]
    [InlineData(typeof(EntryOut), 128)]
    [InlineData(typeof(AttrOut), 104)]
    [InlineData(typeof(GetAttrIn), 16)]
    [InlineData(typeof(SetAttrIn), 88)]
    [InlineData(typeof(InitOut), 64)]
    [InlineData(typeof(OpenIn), 8)]
    [InlineData(typeof(OpenOut), 16)]
    [InlineData(typeof(CreateIn), 16)]
    [InlineData(typeof(ReadIn), 40)]
    [InlineData(typeof(WriteIn), 40)]
    [InlineData(typeof(WriteOut), 8)]
    [InlineData(typeof(ReleaseIn), 24)]
    [InlineData(typeof(FlushIn), 24)]
    [InlineData(typeof(FsyncIn), 16)]
    [InlineData(typeof(KStatFs), 80)]
    [InlineData(typeof(GetXattrIn), 8)]
    [InlineData(typeof(GetXattrOut), 8)]
    [InlineData(typeof(MkNodIn), 16)]
    [InlineData(typeof(MkDirIn), 8)]
    [InlineData(typeof(RenameIn), 8)]
    [InlineData(typeof(Rename2In), 16)]
    [InlineData(typeof(LinkIn), 8)]
    [InlineData(typeof(FallocateIn), 32)]
    [InlineData(typeof(LseekIn), 24)]
    [InlineData(typeof(LseekOut), 8)]
    [InlineData(typeof(CopyFileRangeIn), 56)]
    [InlineData(typeof(DirentHeader), 24)]
    [InlineData(typeof(ForgetIn), 8)]
    [InlineData(typeof(ForgetOne), 16)]
    [InlineData(typeof(BatchForgetIn), 8)]
    [InlineData(typeof(InterruptIn), 8)]
    [InlineData(typeof(AccessIn), 8)]
    public void Struct_size_matches_fuse_h(Type type, int expected)
    {
        Assert.Equal(expected, SizeOf(type));
    }

    /// <summary>
    /// Two structs are deliberately shorter than today's fuse.h: we read only the prefix the
    /// protocol guarantees. init_in is 64 bytes since 7.36 but we consume the 16-byte pre-7.36
    /// part; setxattr_in is 16 bytes with FUSE_SETXATTR_EXT, which we never negotiate, so the
    /// kernel sends FUSE_COMPAT_SETXATTR_IN_SIZE (8).
    /// </summary>
    [Fact]
    public void Prefix_structs_have_their_compat_sizes()
    {
        Assert.Equal(16, Unsafe.SizeOf<InitIn>());
        Assert.Equal(8, Unsafe.SizeOf<SetXattrIn>());
    }

    /// <summary>direntplus = entry_out followed by the dirent header; 152 bytes before the name.</summary>
    [Fact]
    public void Direntplus_fixed_part_is_entry_out_plus_dirent()
    {
        Assert.Equal(152, Unsafe.SizeOf<EntryOut>() + Unsafe.SizeOf<DirentHeader>());
    }

    [Theory]
    [InlineData(typeof(FuseAttr), nameof(FuseAttr.Mode), 60)]
    [InlineData(typeof(FuseAttr), nameof(FuseAttr.Nlink), 64)]
    [InlineData(typeof(FuseAttr), nameof(FuseAttr.Rdev), 76)]
    [InlineData(typeof(FuseAttr), nameof(FuseAttr.BlkSize), 80)]
    [InlineData(typeof(EntryOut), nameof(EntryOut.Attr), 40)]
    [InlineData(typeof(AttrOut), nameof(AttrOut.Attr), 16)]
    [InlineData(typeof(InHeader), nameof(InHeader.TotalExtLength), 36)]
    [InlineData(typeof(InitOut), nameof(InitOut.MaxWrite), 20)]
    [InlineData(typeof(InitOut), nameof(InitOut.MaxPages), 28)]
    [InlineData(typeof(InitOut), nameof(InitOut.Flags2), 32)]
    [InlineData(typeof(GetAttrIn), nameof(GetAttrIn.Fh), 8)]
    [InlineData(typeof(SetAttrIn), nameof(SetAttrIn.Size), 16)]
    [InlineData(typeof(SetAttrIn), nameof(SetAttrIn.Mode), 68)]
    [InlineData(typeof(SetAttrIn), nameof(SetAttrIn.Uid), 76)]
    [InlineData(typeof(ReadIn), nameof(ReadIn.Size), 16)]
    [InlineData(typeof(ReadIn), nameof(ReadIn.LockOwner), 24)]
    [InlineData(typeof(WriteIn), nameof(WriteIn.Size), 16)]
    [InlineData(typeof(ReleaseIn), nameof(ReleaseIn.LockOwner), 16)]
    [InlineData(typeof(FlushIn), nameof(FlushIn.LockOwner), 16)]
    [InlineData(typeof(CreateIn), nameof(CreateIn.Umask), 8)]
    [InlineData(typeof(Rename2In), nameof(Rename2In.Flags), 8)]
    [InlineData(typeof(KStatFs), nameof(KStatFs.BlockSize), 40)]
    [InlineData(typeof(FallocateIn), nameof(FallocateIn.Mode), 24)]
    [InlineData(typeof(LseekIn), nameof(LseekIn.Whence), 16)]
    [InlineData(typeof(CopyFileRangeIn), nameof(CopyFileRangeIn.NodeIdOut), 16)]
    [InlineData(typeof(CopyFileRangeIn), nameof(CopyFileRangeIn.Length), 40)]
    [InlineData(typeof(DirentHeader), nameof(DirentHeader.NameLength), 16)]
    [InlineData(typeof(DirentHeader), nameof(DirentHeader.Type), 20)]
    public void Field_offset_matches_fuse_h(Type type, string field, int expected)
    {
        Assert.Equal(expected, (int)Marshal.OffsetOf(type, field));
    }

    [Fact]
    public void Flag_constants_match_fuse_h()
    {
        Assert.Equal(1u, GetAttrIn.FlagFh);        // FUSE_GETATTR_FH
        Assert.Equal(1u, FsyncIn.DataSync);        // FUSE_FSYNC_FDATASYNC
        Assert.Equal(0x1u, (uint)InitFlags.AsyncRead);
        Assert.Equal(0x20u, (uint)InitFlags.BigWrites);
        Assert.Equal(0x2000u, (uint)InitFlags.DoReadDirPlus);
        Assert.Equal(0x10000u, (uint)InitFlags.WritebackCache);
        Assert.Equal(0x40000u, (uint)InitFlags.ParallelDirOps);
        Assert.Equal(0x400000u, (uint)InitFlags.MaxPages);
        Assert.Equal(0x800000u, (uint)InitFlags.CacheSymlinks);
        Assert.Equal(0x40000000u, (uint)InitFlags.InitExt);
    }

    private static int SizeOf(Type type)
        => (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
}
