using System.Runtime.InteropServices;
using Serilog;
using TieredFs.Daemon.Bridge;
using TieredFs.Daemon.Config;
using TieredFs.Daemon.Service;
using TieredFs.Fuse.Session;
using TieredFs.Tiering.Volume;

namespace TieredFs.Daemon.Hosting;

/// <summary>
/// Runs one mounted volume in the foreground: open the volume, mount, serve until SIGINT/SIGTERM
/// or an external unmount, then unmount, commit metadata and close.
/// </summary>
internal sealed class VolumeHost
{
    private readonly DaemonConfig _config;
    private readonly string _mountPoint;
    private readonly MountOptions _options;

    public VolumeHost(DaemonConfig config, string mountPoint, MountOptions options)
    {
        _config = config;
        _mountPoint = Path.GetFullPath(mountPoint);
        _options = options;
    }

    public int Run()
    {
        var log = Log.ForContext<VolumeHost>();
        // Control socket before the volume: a second daemon for the same config stops here, untouched.
        using var service = ServiceRuntime.BeforeOpen(_config, _mountPoint);
        using var volume = Volume.Open(_config.Volume);
        var fs = new VolumeFileSystem(volume, _options.DirectIo);
        var fuseOptions = new FuseOptions
        {
            Source = _config.SourcePath ?? "tieredfs",
            AllowOther = _options.AllowOther || _config.Mount.AllowOther,
            WritebackCache = _options.WritebackCache ?? _config.Mount.WritebackCache,
            Threads = _config.Mount.Threads,
        };

        using var stop = new ManualResetEventSlim();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Set();
        }

        using var session = FuseSession.Start(_mountPoint, fs, fuseOptions, message => log.Error("FUSE: {Message}", message));
        fs.IsInterrupted = session.Processor.IsInterrupted;
        service.AfterMount(volume, session);
        log.Information("Mounted {MountPoint}: {Tiers} tiers ({TierNames}), extent size {ExtentSize}, placement {Policy}",
            _mountPoint, volume.Tiers.Count, string.Join(", ", volume.Tiers.Select(t => t.Name)), volume.ExtentSize, volume.PlacementPolicyName);

        while (WaitHandle.WaitAny([stop.WaitHandle, session.StoppedHandle, service.ReloadRequested]) == 2)
            service.Reload();
        service.Stopping();
        bool external = session.IsStopped && !stop.IsSet;
        if (!session.Stop(TimeSpan.FromSeconds(10)))
            log.Warning("FUSE threads did not stop in time; committing metadata anyway");
        volume.FlushAll();
        log.Information("Requests served: {Counts}", DescribeRequestCounts(session.Processor.RequestCounts));
        if (volume.Migration is { } m)
            log.Information("Migration: {Done} moves ({Promotions} promotions, {Demotions} demotions), {Bytes} bytes, {Failed} failed, over {Rounds} rounds",
                m.Done, m.Promotions, m.Demotions, m.BytesMoved, m.Failed, m.Rounds);
        log.Information(external ? "Unmounted {MountPoint} from outside; metadata committed" : "Unmounted {MountPoint}; metadata committed", _mountPoint);
        return 0;
    }

    private static string DescribeRequestCounts(long[] counts)
    {
        var parts = new List<string>();
        for (int op = 0; op < counts.Length; op++)
        {
            if (counts[op] > 0)
                parts.Add($"{(Fuse.Protocol.Opcode)op}={counts[op]}");
        }
        return string.Join(" ", parts);
    }
}
