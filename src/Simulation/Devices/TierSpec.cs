namespace TieredFs.Simulation.Devices;

/// <summary>
/// A device used as a tier. <see cref="CapacityFactor"/> scales the fast-tier size (the
/// configured fraction of the trace footprint); 0 means "holds the whole footprint", which is
/// what the slowest tier always gets.
/// </summary>
public sealed record TierSpec(DeviceSpec Device, double CapacityFactor);
