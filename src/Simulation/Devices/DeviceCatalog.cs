namespace TieredFs.Simulation.Devices;

/// <summary>
/// Devices used by the built-in HSS configurations. Numbers come from the vendors' public
/// spec sheets; docs/devices.md lists the source and how each number was derived (QD1 IOPS
/// → latency, QD32 IOPS × latency → channels).
/// </summary>
public static class DeviceCatalog
{
    /// <summary>Intel Optane SSD DC P4800X 375 GB: &lt;10 µs latency, 2400/2000 MB/s, 550K/500K IOPS.</summary>
    public static readonly DeviceSpec OptaneP4800X = new("optane-p4800x", 10, 10, 2400, 2000, 6, 10);

    /// <summary>Samsung 970 EVO Plus 1 TB NVMe TLC: QD1 19K/60K IOPS, 3500/3300 MB/s.</summary>
    public static readonly DeviceSpec NvmeTlc970EvoPlus = new("nvme-tlc-970evoplus", 53, 17, 3500, 3300, 16, 53);

    /// <summary>Samsung 870 EVO 1 TB SATA TLC: QD1 13K/36K IOPS, 560/530 MB/s.</summary>
    public static readonly DeviceSpec SataTlc870Evo = new("sata-tlc-870evo", 77, 28, 560, 530, 8, 77);

    /// <summary>Samsung 870 QVO 1 TB SATA QLC: QD1 11K/35K IOPS, 560 MB/s read, 80 MB/s sustained write after the SLC cache.</summary>
    public static readonly DeviceSpec SataQlc870Qvo = new("sata-qlc-870qvo", 91, 29, 560, 80, 8, 91);

    /// <summary>Seagate BarraCuda 1 TB 7200 rpm (ST1000DM010): 4.16 ms average rotational latency + ~8.5 ms seek, 210 MB/s.</summary>
    public static readonly DeviceSpec Hdd7200 = new("hdd-7200rpm", 12_660, 13_660, 210, 210, 1, 50);
}
