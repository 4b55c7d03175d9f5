using TieredFs.Simulation.Devices;
using TieredFs.Simulation.Engine;

namespace TieredFs.Simulation;

/// <summary>Runs named policies over one prepared trace and hierarchy; every run starts from the same state and seed.</summary>
public static class SimulationRunner
{
    public static SimResult RunOne(PreparedTrace trace, HssConfig hss, string policy, SimOptions options,
        Agents.Policies.PolicyRegistry? registry = null)
    {
        registry ??= SimPolicies.Create(trace, options);
        var future = new FutureIndex(trace);
        var context = SimPolicies.Context(new HssConfigView(hss.Tiers.Count), options, future);
        var set = registry.Create(policy, context);
        return new Simulator(trace, hss, set, options, future).Run();
    }

    public static List<SimResult> RunAll(PreparedTrace trace, HssConfig hss, IEnumerable<string> policies, SimOptions options)
    {
        var registry = SimPolicies.Create(trace, options);
        return policies.Select(p => RunOne(trace, hss, p, options, registry)).ToList();
    }
}
