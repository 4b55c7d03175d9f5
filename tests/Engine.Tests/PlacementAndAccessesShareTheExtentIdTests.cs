using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;
using TieredFs.Engine.Tests.Infrastructure;

namespace TieredFs.Engine.Tests;

/// <summary>
/// The one extent name: the ExtentIndex a placement policy is asked about is the ExtentIndex of
/// the later access and migration events for that extent, so a reward finds its decision.
/// </summary>
public class PlacementAndAccessesShareTheExtentIdTests
{
    [Fact]
    public void Placement_requests_access_events_and_migration_events_carry_the_same_value()
    {
        var recorder = new RecordingPlacement();
        var h = new EngineHarness(new PolicySet("rec", recorder, new PromoteEveryHotCandidate()), [16, 100]);
        var ids = new[] { ExtentId.Of(12345, 0), ExtentId.Of(12345, 1), ExtentId.Of(99, 7) };

        foreach (var id in ids)
        {
            int tier = h.Engine.Place(id, 4096, isWrite: true, h.Tiers.TierStatuses());
            h.Tiers.Add(id, tier);
            h.Access(id, h.Now + 10, isWrite: true);
        }
        // Move one (by hand, to the slow tier) and let the engine bring it back once it is hot.
        h.Tiers.Move(ids[2], 0, 1);
        for (int r = 0; r < 4; r++)
        {
            h.AccessNow(ids[2]);
            h.RunRound();
        }

        Assert.Equal(ids.Select(i => i.Value), recorder.Requests.Select(r => r.ExtentIndex));
        foreach (var id in ids)
        {
            var request = Assert.Single(recorder.Requests, r => r.ExtentIndex == id.Value);
            Assert.Contains(recorder.Accesses, a => a.ExtentIndex == request.ExtentIndex);
        }
        Assert.All(recorder.Accesses, a => Assert.Contains(a.ExtentIndex, ids.Select(i => i.Value)));
        var migration = Assert.Single(recorder.Migrations);
        Assert.Equal(ids[2].Value, migration.ExtentIndex);
    }

    [Fact]
    public void A_new_extent_is_described_by_its_predecessor_in_the_file()
    {
        var recorder = new RecordingPlacement();
        var h = new EngineHarness(new PolicySet("rec", recorder, new NoMigration()), [16, 100]);
        var previous = ExtentId.Of(5, 3);
        h.Tiers.Add(previous, 0);
        for (int r = 0; r < 4; r++)
        {
            h.AccessNow(previous);
            h.RunRound();
        }

        h.Engine.Place(ExtentId.Of(5, 4), 4096, isWrite: true, h.Tiers.TierStatuses());

        var request = Assert.Single(recorder.Requests);
        Assert.Equal(ExtentId.Of(5, 4).Value, request.ExtentIndex);
        Assert.Equal(-1, request.CurrentTier);
        Assert.True(request.AccessCount > 2, $"access count {request.AccessCount}");
        Assert.Equal(1_000_000, request.AccessIntervalUs, 1);
    }
}
