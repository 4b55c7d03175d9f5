namespace TieredFs.Agents.Abstractions;

public interface IPlacementPolicy
{
    string Name { get; }

    /// <summary>
    /// Picks the tier (index into <paramref name="tiers"/>, fastest first) for the extent, or
    /// returns -1 when no tier can take <see cref="PlacementRequest.ExtentBytes"/> more bytes.
    /// Must not allocate and must not block.
    /// </summary>
    int ChooseTier(in PlacementRequest request, ReadOnlySpan<TierStatus> tiers);
}
