using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;
using TieredFs.Simulation.Archivist;
using TieredFs.Simulation.Engine;

namespace TieredFs.Simulation;

/// <summary>The policy registry the simulator uses: the Agents built-ins plus the ML.NET Archivist baseline.</summary>
public static class SimPolicies
{
    /// <summary>Requests ahead the Oracle looks, and the Archivist's "hot" horizon, in migration periods.</summary>
    public const int HorizonPeriods = 16;

    public static PolicyRegistry Create(PreparedTrace trace, SimOptions options)
    {
        var registry = PolicyRegistry.CreateDefault();
        HotColdModel? model = null;
        registry.Register("archivist", c =>
        {
            model ??= ArchivistTrainer.Train(trace, options, HorizonPeriods * options.MigrationPeriodRequests, (int)(c.Seed & 0x7FFFFFFF));
            var p = new ArchivistPolicy(model);
            return new PolicySet("archivist", p, p);
        });
        return registry;
    }

    public static PolicyContext Context(HssConfigView hss, SimOptions options, FutureIndex future) =>
        new(hss.TierCount, options.ExtentBytes, options.Seed, future, HorizonPeriods * options.MigrationPeriodRequests);
}

/// <summary>Just what a policy context needs from a hierarchy.</summary>
public readonly record struct HssConfigView(int TierCount);
