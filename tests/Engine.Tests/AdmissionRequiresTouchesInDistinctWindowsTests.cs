using TieredFs.Agents.Abstractions;
using TieredFs.Engine.Tests.Infrastructure;
using static TieredFs.Engine.Tests.Infrastructure.EngineHarness;

namespace TieredFs.Engine.Tests;

/// <summary>
/// Scan resistance: what counts for promotion is how many distinct touch windows an extent was
/// used in, not how many requests it got. A sequential pass is hundreds of requests in one window.
/// </summary>
public class AdmissionRequiresTouchesInDistinctWindowsTests
{
    private const int Fast = 0, Slow = 1;

    private static (EngineHarness H, RecordingMigrationPolicy Lru) LruWithRoomOnFast()
    {
        var (set, recorder) = RecordingMigrationPolicy.Around("lru", 2);
        return (new EngineHarness(set, [64, 4096]), recorder);
    }

    private static bool OfferedHot(RecordingMigrationPolicy lru, ExtentId id) =>
        lru.Offered.Any(o => o.Candidate.ExtentIndex == id.Value && o.Candidate.Kind == CandidateKind.HotOnSlow);

    [Fact]
    public void A_sequential_pass_of_hundreds_of_requests_in_one_window_is_never_offered_nor_promoted()
    {
        var (h, lru) = LruWithRoomOnFast();
        var scanned = E(0);
        h.Tiers.Add(scanned, Slow);

        // 256 sequential 4 KiB reads over 0.5 s: one whole-extent pass, one touch.
        for (int i = 0; i < 256; i++)
            h.Access(scanned, h.Now + 1_000 + i * 2_000);
        for (int r = 0; r < 60; r++) h.RunRound();

        Assert.False(OfferedHot(lru, scanned), "a single pass was offered as a hot candidate");
        Assert.Empty(h.MovesOf(scanned));
        Assert.Equal(Slow, h.Tiers.TierOf(scanned));
    }

    [Fact]
    public void A_scan_over_many_extents_repeated_every_twenty_seconds_promotes_none_of_them()
    {
        var (h, lru) = LruWithRoomOnFast();
        const int extents = 200;
        for (int e = 0; e < extents; e++) h.Tiers.Add(E(e), Slow);

        for (int r = 0; r < 90; r++)
        {
            if (r % 20 == 0)
            {
                // A backup-like pass: every extent read start to end (16 × 64 KiB), all within 0.8 s.
                for (int e = 0; e < extents; e++)
                    for (int i = 0; i < 16; i++)
                        h.Access(E(e), h.Now + e * 4_000 + i * 200);
            }
            h.RunRound();
        }

        Assert.DoesNotContain(lru.Offered, o => o.Candidate.Kind == CandidateKind.HotOnSlow);
        Assert.Empty(h.Tiers.Moves);
        Assert.Equal(0, h.Stats.Promotions);
    }

    [Fact]
    public void Two_touches_are_not_enough_to_be_admitted()
    {
        var (h, lru) = LruWithRoomOnFast();
        var twice = E(1);
        h.Tiers.Add(twice, Slow);
        Assert.True(2 < h.Engine.Options.AdmissionTouches, "the test assumes two touches are below the admission threshold");

        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < 50; i++) h.AccessNow(twice, 100_000 + i * 1_000);
            h.RunRound();
        }
        for (int r = 0; r < 30; r++) h.RunRound();

        Assert.False(OfferedHot(lru, twice));
        Assert.Equal(Slow, h.Tiers.TierOf(twice));
    }

    [Fact]
    public void An_extent_touched_in_three_distinct_windows_is_promoted_right_after_the_third()
    {
        var (h, lru) = LruWithRoomOnFast();
        var reused = E(2);
        h.Tiers.Add(reused, Slow);
        double f = Math.Pow(2, -h.Engine.Options.TouchWindowUs / h.Engine.Options.HeatHalfLifeUs);
        Assert.True(f * f + f + 1 >= h.Engine.Options.AdmissionTouches, "the test assumes three touches one window apart pass admission");

        // One access per round, one window apart: three touches in distinct windows.
        for (int r = 0; r < 3; r++)
        {
            Assert.Equal(Slow, h.Tiers.TierOf(reused));
            h.AccessNow(reused, 100_000);
            h.RunRound();
        }

        Assert.True(OfferedHot(lru, reused), "three distinct touches were not offered as a hot candidate");
        Assert.Equal(Fast, h.Tiers.TierOf(reused));
        var move = Assert.Single(h.Tiers.Moves);
        Assert.Equal(reused, move.Id);
        Assert.Equal(3 * RoundUs, move.AtUs);
    }
}
