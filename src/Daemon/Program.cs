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
        var mountPoint = new Argument<string>("MOUNTPOINT") { Description = "Directory to mount the volume on" };
        var mount = new Command("mount", "Mount a volume and serve it in the foreground until SIGINT/SIGTERM or unmount") { config, options, mountPoint };
        mount.SetAction(r => MountCommand.Run(r.GetValue(config), r.GetValue(options) ?? [], r.GetValue(mountPoint)!, Console.Error));
        root.Subcommands.Add(mount);

        var unmountPoint = new Argument<string>("MOUNTPOINT") { Description = "Mounted volume to unmount" };
        var unmount = new Command("unmount", "Unmount a volume (the daemon commits metadata and exits)") { unmountPoint };
        unmount.Aliases.Add("umount");
        unmount.SetAction(r => UnmountCommand.Run(r.GetValue(unmountPoint)!, Console.Error));
        root.Subcommands.Add(unmount);

        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var inspectPath = new Argument<string>("PATH") { Description = "A file on a mounted volume" };
        var inspect = new Command("inspect", "Show which tier holds each extent of a file") { json, inspectPath };
        inspect.SetAction(r => InspectCommand.Run(r.GetValue(inspectPath)!, r.GetValue(json), Console.Out, Console.Error));
        root.Subcommands.Add(inspect);

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
