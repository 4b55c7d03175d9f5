using TieredFs.Agents.Abstractions;

namespace TieredFs.Agents.Policies;

/// <summary>
/// New extents go to the fastest tier still below its high watermark; when every tier is past
/// its high watermark, to the fastest tier that still has room at all. -1 only when all are full.
/// </summary>
public sealed class StaticFastestFirst : IPlacementPolicy
{
    public string Name => "static";

    public int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers)
    {
        for (int i = 0; i < tiers.Length; i++)
        {
            if (tiers[i].RoomBelowHighWatermark >= request.ExtentBytes)
                return i;
        }
        for (int i = 0; i < tiers.Length; i++)
        {
            if (tiers[i].RoomBelowCapacity >= request.ExtentBytes)
                return i;
        }
        return -1;
    }
}
