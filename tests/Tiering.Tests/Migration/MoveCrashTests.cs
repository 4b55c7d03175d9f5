using TieredFs.Tiering.Migration;
using TieredFs.Tiering.Tests.Infrastructure;

namespace TieredFs.Tiering.Tests.Migration;

/// <summary>
/// A crash at each step of a move (simulated by an exception thrown from the step hook, then a
/// restart of the volume) leaves the file readable and byte-identical: before the commit the old
/// tier is authoritative, after it the new one.
/// </summary>
public sealed class MoveCrashTests
{
    private const int Extent = 64 << 10;

    private sealed class Crash : Exception;

    [Theory]
    [InlineData(MoveStep.Copied, 0)]
    [InlineData(MoveStep.TargetSynced, 0)]
    [InlineData(MoveStep.Committed, 1)]
    [InlineData(MoveStep.SourcePunched, 1)]
    public void Crash_at_step_leaves_the_file_intact(MoveStep step, int expectedRank)
    {
        using var v = new TempVolume(Extent);
        var data = new byte[2 * Extent];
        new Random(42).NextBytes(data);
        ulong ino = v.CreateFile("f", data);

        v.Volume.MoveStepObserver = s =>
        {
            if (s == step)
                throw new Crash();
        };
        Assert.Throws<Crash>(() => v.Volume.MoveExtent(ino, 0, 1));
        v.Volume.MoveStepObserver = null;
        v.Reopen();

        Assert.Equal(expectedRank, v.Volume.ExtentsOf(ino).Single(e => e.Index == 0).TierRank);
        Assert.Equal(data, v.ReadFile(ino));
        long total = v.Volume.Tiers[0].UsedExtents + v.Volume.Tiers[1].UsedExtents;
        Assert.Equal(2, total);
    }
}
