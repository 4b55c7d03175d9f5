using System.CommandLine;
using TieredFs.Daemon.Cli;

namespace TieredFs.Daemon;

internal static class Program
{
    public static int Main(string[] args)
    {
        // The simulator's commands own their argument parsing (shared with bench/SimMatrix),
        // including --help, so they bypass System.CommandLine entirely.
        if (args.Length > 0 && args[0] == "sim")
            return TieredFs.Simulation.SimCommand.Run(args[1..], Console.Out, Console.Error);
        if (args.Length > 0 && args[0] == "gen-trace")
            return TieredFs.Simulation.GenTraceCommand.Run(args[1..], Console.Out, Console.Error);

        var root = new RootCommand("tiered-fs: one FUSE mount over several storage tiers, with data placed and moved per extent.");

        var config = new Option<string?>("--config", "-c") { Description = "TOML config file (default: the embedded two-tier config under /var/lib/tieredfs)" };
        var options = new Option<string[]>("-o") { Description = "Mount options: allow_other, writeback_cache, config=FILE (generic mount(8) options are accepted)", AllowMultipleArgumentsPerToken = false };
        var mountPoint = new Argument<string?>("MOUNTPOINT") { Description = "Directory to mount the volume on (default: [service] mountpoint of the config)", Arity = ArgumentArity.ZeroOrOne };
        var mount = new Command("mount", "Mount a volume and serve it in the foreground until SIGINT/SIGTERM or unmount") { config, options, mountPoint };
        mount.SetAction(r => MountCommand.Run(r.GetValue(config), r.GetValue(options) ?? [], r.GetValue(mountPoint), Console.Error));
        root.Subcommands.Add(mount);

        var unmountPoint = new Argument<string?>("MOUNTPOINT") { Description = "Mounted volume to unmount", Arity = ArgumentArity.ZeroOrOne };
        var unmountConfig = new Option<string?>("--config", "-c") { Description = "Take the mountpoint from this config's [service] mountpoint" };
        var deadOnly = new Option<bool>("--dead-only") { Description = "Only detach a dead mount (daemon gone); succeed quietly otherwise" };
        var unmount = new Command("unmount", "Unmount a volume (the daemon commits metadata and exits)") { unmountConfig, deadOnly, unmountPoint };
        unmount.Aliases.Add("umount");
        unmount.SetAction(r => UnmountCommand.Run(r.GetValue(unmountPoint), r.GetValue(unmountConfig), r.GetValue(deadOnly), Console.Error));
        root.Subcommands.Add(unmount);

        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var inspectPath = new Argument<string>("PATH") { Description = "A file on a mounted volume" };
        var inspect = new Command("inspect", "Show which tier holds each extent of a file") { json, inspectPath };
        inspect.SetAction(r => InspectCommand.Run(r.GetValue(inspectPath)!, r.GetValue(json), Console.Out, Console.Error));
        root.Subcommands.Add(inspect);

        var socket = new Option<string?>("--socket") { Description = "Control socket of the daemon (default: found from the mountpoint via /run/tieredfs/mounts)" };
        var statusJson = new Option<bool>("--json") { Description = "Print JSON" };
        var statusPoint = new Argument<string?>("MOUNTPOINT") { Description = "Mounted volume (default: the only one running)", Arity = ArgumentArity.ZeroOrOne };
        var status = new Command("status", "Show tiers (capacity, fill, I/O rates and latency over the last minute), volume and agents") { statusJson, socket, statusPoint };
        status.SetAction(r => StatusCommand.Run(r.GetValue(statusPoint), r.GetValue(socket), r.GetValue(statusJson), Console.Out, Console.Error));
        root.Subcommands.Add(status);

        var tier = new Option<string>("--tier", "-t") { Description = "Tier name from the config", Required = true };
        var pinPath = new Argument<string>("PATH") { Description = "A regular file on a mounted volume" };
        var pin = new Command("pin", "Place new extents of a file on one tier (persisted in user.tieredfs.pin)") { tier, socket, pinPath };
        pin.SetAction(r => PinCommand.Run(r.GetValue(pinPath)!, r.GetValue(tier)!, r.GetValue(socket), Console.Out, Console.Error));
        root.Subcommands.Add(pin);

        var unpinPath = new Argument<string>("PATH") { Description = "A regular file on a mounted volume" };
        var unpin = new Command("unpin", "Let the placement policy decide again for a file") { socket, unpinPath };
        unpin.SetAction(r => UnpinCommand.Run(r.GetValue(unpinPath)!, r.GetValue(socket), Console.Out, Console.Error));
        root.Subcommands.Add(unpin);

        var checkPath = new Argument<string>("FILE") { Description = "Config file to validate" };
        var check = new Command("check-config", "Validate a config file without mounting") { checkPath };
        check.SetAction(r => CheckConfigCommand.Run(r.GetValue(checkPath)!, Console.Out, Console.Error));
        root.Subcommands.Add(check);

        // Listed here for --help; Main dispatches them before parsing.
        AddPassThrough(root, "sim", "Replay an MSR Cambridge trace through placement/migration policies on modelled devices (--help for options)",
            static tokens => TieredFs.Simulation.SimCommand.Run(tokens, Console.Out, Console.Error));
        AddPassThrough(root, "gen-trace", "Write a synthetic MSRC-format trace with a named access pattern (--help for options)",
            static tokens => TieredFs.Simulation.GenTraceCommand.Run(tokens, Console.Out, Console.Error));

        return root.Parse(args).Invoke();
    }

    private static void AddPassThrough(RootCommand root, string name, string description, Func<string[], int> run)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(r => run(r.UnmatchedTokens.ToArray()));
        root.Subcommands.Add(command);
    }
}
