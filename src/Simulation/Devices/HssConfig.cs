namespace TieredFs.Simulation.Devices;

/// <summary>A hybrid storage system: tiers fastest first.</summary>
public sealed record HssConfig(string Name, IReadOnlyList<TierSpec> Tiers)
{
    public void Validate()
    {
        if (Tiers.Count is < 2 or > 4) throw new ArgumentException($"HSS '{Name}' needs 2 to 4 tiers, has {Tiers.Count}");
        foreach (TierSpec t in Tiers)
        {
            t.Device.Validate();
            if (t.CapacityFactor < 0) throw new ArgumentException($"HSS '{Name}': capacity factor must be ≥ 0");
        }
    }
}
