namespace TieredFs.Simulation.Devices;

/// <summary>
/// The four hierarchies of DESIGN §6. The fastest tier holds the configured fraction of the
/// trace footprint; each middle tier twice the one above it (capacity factors 1, 2, 4); the
/// slowest tier holds everything.
/// </summary>
public static class BuiltInHss
{
    public static readonly IReadOnlyList<string> Names = ["perf", "cost", "tri", "quad"];

    public static HssConfig? Find(string name) => name.ToLowerInvariant() switch
    {
        "perf" => new HssConfig("perf", [new(DeviceCatalog.OptaneP4800X, 1), new(DeviceCatalog.Hdd7200, 0)]),
        "cost" => new HssConfig("cost", [new(DeviceCatalog.SataTlc870Evo, 1), new(DeviceCatalog.SataQlc870Qvo, 0)]),
        "tri" => new HssConfig("tri",
            [new(DeviceCatalog.OptaneP4800X, 1), new(DeviceCatalog.SataTlc870Evo, 2), new(DeviceCatalog.Hdd7200, 0)]),
        "quad" => new HssConfig("quad",
            [new(DeviceCatalog.OptaneP4800X, 1), new(DeviceCatalog.NvmeTlc970EvoPlus, 2),
             new(DeviceCatalog.SataQlc870Qvo, 4), new(DeviceCatalog.Hdd7200, 0)]),
        _ => null,
    };
}
