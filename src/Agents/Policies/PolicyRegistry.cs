using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Coordination;

namespace TieredFs.Agents.Policies;

/// <summary>
/// Maps policy names to factories (mergerfs' policies.cpp, as an instance so a host can add
/// its own, e.g. the simulator's ML.NET "archivist"). Names are case-insensitive.
/// </summary>
public sealed class PolicyRegistry
{
    private readonly List<KeyValuePair<string, Func<PolicyContext, PolicySet>>> _factories = [];

    /// <summary>The built-in policies, in the order reports list them.</summary>
    public static PolicyRegistry CreateDefault()
    {
        var r = new PolicyRegistry();
        r.Register("static", _ => Pair("static", new StaticFastestFirst(), new NoMigration()));
        r.Register("lru", _ => Same("lru", new LruPromotion()));
        r.Register("cde", _ => Same("cde", new ColdDataEviction()));
        r.Register("hps", _ => Same("hps", new HistoryPageSelection()));
        r.Register("sibyl", c => Pair("sibyl", new SibylLikePlacement(c.TierCount, c.Seed), new NoMigration()));
        r.Register("archivist", _ => throw new NotSupportedException(
            "'archivist' trains an ML.NET classifier on a trace prefix; it is provided by TieredFs.Simulation"));
        r.Register("harmonia", CreateHarmonia);
        r.Register("oracle", c =>
        {
            if (c.Future is null) throw new NotSupportedException("'oracle' needs future knowledge: simulator only");
            var o = new Oracle(c.Future, c.OracleHorizonRequests);
            return Same("oracle", o);
        });
        return r;
    }

    public static PolicySet CreateHarmonia(PolicyContext c)
    {
        var pressure = new TierPressure();
        return Pair("harmonia",
            new HarmoniaPlacement(c.TierCount, pressure, c.Seed),
            new HarmoniaMigration(c.TierCount, pressure, c.Seed));
    }

    /// <summary>Adds a policy, or replaces the one with the same name.</summary>
    public void Register(string name, Func<PolicyContext, PolicySet> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        int i = IndexOf(name);
        var entry = new KeyValuePair<string, Func<PolicyContext, PolicySet>>(name.ToLowerInvariant(), factory);
        if (i >= 0) _factories[i] = entry; else _factories.Add(entry);
    }

    public IReadOnlyList<string> Names => _factories.ConvertAll(kv => kv.Key);

    public bool Contains(string name) => IndexOf(name) >= 0;

    public PolicySet Create(string name, PolicyContext context)
    {
        int i = IndexOf(name);
        if (i < 0)
            throw new ArgumentException($"unknown policy '{name}'; known: {string.Join(", ", Names)}", nameof(name));
        return _factories[i].Value(context);
    }

    private int IndexOf(string name) =>
        _factories.FindIndex(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase));

    private static PolicySet Pair(string name, IPlacementPolicy p, IMigrationPolicy m) => new(name, p, m);

    private static PolicySet Same<T>(string name, T policy) where T : IPlacementPolicy, IMigrationPolicy =>
        new(name, policy, policy);
}
