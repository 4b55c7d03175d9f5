using System.Collections.Concurrent;
using Serilog;
using TieredFs.Agents.Abstractions;
using TieredFs.Agents.Policies;
using TieredFs.Engine;
using TieredFs.Tiering.DataPath;
using TieredFs.Tiering.Metadata;
using TieredFs.Tiering.Migration;
using TieredFs.Tiering.Telemetry;

namespace TieredFs.Tiering.Volume;

/// <summary>
/// A tiered volume: a POSIX namespace and per-file extent maps in the metadata store, file data
/// in per-tier sparse files at the user's offsets. Operations return 0 or a positive errno.
/// Locks, in the only order they are taken: namespace (<c>_ns</c>) → store gate → inode DataLock
/// → inode MapLock.
/// </summary>
public sealed partial class Volume : IDisposable
{
    public const ulong RootIno = 1;
    public const int MaxNameLength = 255;
    public const string ExtentsXattr = "user.tieredfs.extents";

    private static readonly ILogger s_log = Log.ForContext<Volume>();

    private readonly MetadataStore _store;
    private readonly Tier[] _tiers;
    private readonly Tier?[] _tierById = new Tier?[256];
    private readonly IPlacementPolicy _placement;
    private PolicySet? _policies;
    private MigrationScheduler? _migration;
    private TieringEngine? _engine;
    private string? _policyStateDir;
    private readonly ConcurrentDictionary<ulong, Inode> _inodes = new();
    private readonly ConcurrentDictionary<ulong, Inode> _dirty = new();
    private readonly ConcurrentDictionary<ulong, OpenFile> _handles = new();
    private readonly object _ns = new();
    private readonly object _loadGate = new();
    private readonly Timer _flushTimer;
    private readonly int _extentShift;
    private long _nextHandle;
    private int _disposed;

    public long ExtentSize { get; }

    public IReadOnlyList<Tier> Tiers => _tiers;

    public string PlacementPolicyName => _placement.Name;

    /// <summary>Serialises every call into the policies (decisions, feedback, learning).</summary>
    internal object PolicyGate { get; } = new();

    private Volume(MetadataStore store, Tier[] tiers, long extentSize, IPlacementPolicy placement, TimeSpan flushInterval)
    {
        _store = store;
        _tiers = tiers;
        foreach (var tier in tiers)
            _tierById[tier.Id] = tier;
        ExtentSize = extentSize;
        _extentShift = System.Numerics.BitOperations.Log2((ulong)extentSize);
        _placement = placement;
        _flushTimer = new Timer(_ => FlushAllQuietly(), null, flushInterval, flushInterval);
        _telemetry = new(tiers.Length);
        LoadPins();
    }

    /// <summary>
    /// Opens (creating if new) the volume described by <paramref name="options"/>: creates tier
    /// directories, opens the store, seeds capacity accounting, removes orphans left by a crash and
    /// reclaims data no committed file references.
    /// </summary>
    public static Volume Open(VolumeOptions options, IPlacementPolicy? placement = null, TimeSpan? flushInterval = null) =>
        Open(options, placement, flushInterval, MonotonicClock.Instance, null);

    /// <summary>Tests: the engine on a clock they advance, with their own knobs.</summary>
    internal static Volume Open(VolumeOptions options, IPlacementPolicy? placement, TimeSpan? flushInterval, IEngineClock clock, EngineOptions? engineOptions)
    {
        ValidateOptions(options);
        foreach (var t in options.Tiers)
            Directory.CreateDirectory(Path.Combine(t.Path, "data"));
        string metaDir = options.MetadataDir ?? Path.Combine(options.Tiers[0].Path, "meta");
        var store = MetadataStore.Open(metaDir, options.ExtentSize);
        try
        {
            byte[] ids = store.ResolveTiers(options.Tiers.Select(t => t.Name).ToList());
            var counts = store.CountExtentsByTier();
            var tiers = new Tier[options.Tiers.Count];
            for (int i = 0; i < tiers.Length; i++)
            {
                var t = options.Tiers[i];
                long capacity = t.CapacityBytes ?? Posix.SpaceOf(t.Path).Total;
                tiers[i] = new Tier(i, ids[i], t.Name, t.Path, capacity, t.HighWatermark, t.LowWatermark, options.ExtentSize);
                tiers[i].AddExtents(counts.GetValueOrDefault(ids[i]));
            }
            PolicySet? policies = null;
            if (placement is null)
            {
                policies = CreatePolicies(options, tiers.Length);
                placement = policies.Placement;
            }
            var volume = new Volume(store, tiers, options.ExtentSize, placement, flushInterval ?? TimeSpan.FromSeconds(1));
            volume.RemoveOrphans();
            volume.ReclaimUnreferencedData();
            if (policies is not null)
                volume.StartPolicies(policies, metaDir, options, clock, engineOptions);
            return volume;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static void ValidateOptions(VolumeOptions options)
    {
        if (options.Tiers.Count == 0)
            throw new VolumeOpenException("a volume needs at least one tier");
        if (options.Tiers.Count > 250)
            throw new VolumeOpenException("at most 250 tiers are supported");
        long e = options.ExtentSize;
        if (e < VolumeOptions.MinExtentSize || e > VolumeOptions.MaxExtentSize || (e & (e - 1)) != 0)
            throw new VolumeOpenException($"extent size {e} must be a power of two between 64 KiB and 64 MiB");
    }

    private static PolicySet CreatePolicies(VolumeOptions options, int tierCount)
    {
        var registry = PolicyRegistry.CreateDefault();
        if (!registry.Contains(options.Policy))
            throw new VolumeOpenException($"unknown policy \"{options.Policy}\"; known: {string.Join(", ", registry.Names)}");
        try
        {
            return registry.Create(options.Policy, new PolicyContext(tierCount, options.ExtentSize, Seed: 0x7469657265646673));
        }
        catch (NotSupportedException e)
        {
            throw new VolumeOpenException($"policy \"{options.Policy}\" cannot run on a live volume: {e.Message}");
        }
    }

    /// <summary>
    /// Builds the tiering engine over this volume, loads learned tables (a bad file is set aside,
    /// never fatal) and, when the policy moves extents, starts the migration thread.
    /// </summary>
    private void StartPolicies(PolicySet policies, string metaDir, VolumeOptions options, IEngineClock clock, EngineOptions? engineOptions)
    {
        _policies = policies;
        _policyStateDir = metaDir;
        _engine = new TieringEngine(policies, new VolumeMechanism(this), clock,
            (engineOptions ?? new EngineOptions()) with { BytesPerSecond = options.MigrationBytesPerSecond });
        LoadPolicyState();
        if (_engine.Migrates)
        {
            Accesses = new AccessRing();
            _migration = new MigrationScheduler(_engine, clock, Accesses,
                TimeSpan.FromSeconds(Math.Clamp(options.MigrationPeriodSeconds, 0.05, 3600)));
            _migration.Start();
        }
    }

    /// <summary>Migration counters; null when the policy does not migrate.</summary>
    public EngineStats? Migration => _migration?.Stats;

    /// <summary>The tiering engine (null when the volume was opened with an injected placement policy).</summary>
    public TieringEngine? Engine => _engine;

    /// <summary>Changes the migration budget of a running scheduler; false when nothing migrates.</summary>
    public bool SetMigrationRate(long bytesPerSecond)
    {
        if (_migration is null || _engine is null || bytesPerSecond <= 0)
            return false;
        _engine.SetBytesPerSecond(bytesPerSecond);
        return true;
    }

    /// <summary>Runs one migration round now (tests; the scheduler's own thread runs them periodically).</summary>
    internal void RunMigrationRound() => _migration?.RunRound();

    private void LoadPolicyState()
    {
        foreach (var (path, persistent) in PersistentPolicies())
        {
            if (!File.Exists(path))
                continue;
            try
            {
                using var stream = File.OpenRead(path);
                WithPolicies(() => persistent.Load(stream));
                s_log.Information("Loaded learned policy state from {Path}", path);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or EndOfStreamException)
            {
                string aside = path + ".corrupt";
                File.Move(path, aside, overwrite: true);
                s_log.Warning("Learned policy state {Path} is unreadable ({Reason}); starting fresh, old file kept as {Aside}", path, e.Message, aside);
            }
        }
    }

    /// <summary>Saves learned tables atomically (write, fsync, rename), one file per agent.</summary>
    public void SavePolicyState()
    {
        foreach (var (path, persistent) in PersistentPolicies())
        {
            string temp = path + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                WithPolicies(() => persistent.Save(stream));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
    }

    private void WithPolicies(Action action)
    {
        if (_engine is { } engine)
            engine.WithPoliciesLocked(_ => action());
        else
            lock (PolicyGate)
                action();
    }

    private IEnumerable<(string Path, IPersistentPolicy Policy)> PersistentPolicies()
    {
        if (_policies is null || _policyStateDir is null)
            yield break;
        if (_policies.Placement is IPersistentPolicy p)
            yield return (System.IO.Path.Combine(_policyStateDir, $"agent-{_policies.Name}-placement.bin"), p);
        if (_policies.Migration is IPersistentPolicy m && !ReferenceEquals(m, _policies.Placement))
            yield return (System.IO.Path.Combine(_policyStateDir, $"agent-{_policies.Name}-migration.bin"), m);
    }

    /// <summary>Inodes unlinked while open when the daemon stopped: nobody can reach them now.</summary>
    private void RemoveOrphans()
    {
        List<ulong> orphans;
        lock (_store.Gate)
            orphans = _store.FindOrphans();
        foreach (ulong ino in orphans)
        {
            var inode = LoadInode(ino);
            if (inode is not null)
                DeleteInodeNow(inode);
        }
        if (orphans.Count > 0)
            s_log.Information("Removed {Count} orphaned inodes left by an unclean stop", orphans.Count);
    }

    /// <summary>The inode, from memory or the store; null if it does not exist.</summary>
    private Inode? GetInode(ulong ino)
    {
        if (_inodes.TryGetValue(ino, out var inode))
            return inode.Deleted ? null : inode;
        return LoadInode(ino);
    }

    private Inode? LoadInode(ulong ino)
    {
        lock (_loadGate)
        {
            if (_inodes.TryGetValue(ino, out var cached))
                return cached;
            Inode? inode;
            lock (_store.Gate)
                inode = _store.LoadInode(ino);
            if (inode is null)
                return null;
            if (inode.IsRegular)
                inode.Files = new DataFiles(_tiers.Length);
            _inodes[ino] = inode;
            return inode;
        }
    }

    private Dictionary<string, DirEntry> ChildrenOf(Inode dir)
    {
        if (dir.Children is null)
        {
            lock (_store.Gate)
                dir.Children = _store.LoadChildren(dir.Ino);
        }
        return dir.Children;
    }

    internal Tier TierById(byte id) => _tierById[id] ?? throw new InvalidOperationException($"extent on unknown tier id {id}");

    public NodeAttributes AttributesOf(Inode inode)
    {
        long allocated = inode.IsRegular ? Math.Min(inode.Extents.Count * ExtentSize, RoundUp(inode.Size, ExtentSize) ) : 4096;
        return new NodeAttributes(inode.Ino, inode.Size, allocated / 512, inode.AtimeNs, inode.MtimeNs, inode.CtimeNs,
            inode.Mode, inode.Nlink, inode.Uid, inode.Gid, inode.Rdev);
    }

    private static long RoundUp(long value, long unit) => (value + unit - 1) / unit * unit;

    /// <summary>Statistics for statfs: capacities and free space summed over tiers.</summary>
    public VolumeSpace Space()
    {
        const long blockSize = 4096;
        long total = 0, free = 0;
        foreach (var tier in _tiers)
        {
            var status = tier.Status();
            total += tier.CapacityBytes;
            long room = Math.Max(0, status.RoomBelowCapacity);
            // Never report more free space than the backing filesystem really has.
            long backing = Posix.SpaceOf(tier.Path).Available;
            free += Math.Min(room, backing);
        }
        long files = _store.CountInodes();
        long freeFiles = 1L << 32;
        return new VolumeSpace(blockSize, total / blockSize, free / blockSize, free / blockSize, files + freeFiles, freeFiles);
    }

    private static int Fail(Exception e, string operation)
    {
        // A full metadata filesystem is an expected condition, not an I/O error (setattr and
        // xattrs come through here too).
        if (StorageFull.Caused(e))
            return FailOrNoSpace(e, operation);
        s_log.Error(e, "{Operation} failed", operation);
        return PosixError.EIO;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _migration?.Dispose();
        _flushTimer.Dispose();
        FlushAllQuietly();
        try
        {
            SavePolicyState();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            s_log.Warning(e, "Could not save learned policy state");
        }
        foreach (var inode in _inodes.Values)
            inode.Files?.Dispose();
        _store.Dispose();
    }
}
