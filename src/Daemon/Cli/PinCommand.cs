using System.Text.Json.Nodes;

namespace TieredFs.Daemon.Cli;

/// <summary>`tieredfs pin PATH --tier NAME`: new extents of the file go to that tier (persisted as user.tieredfs.pin).</summary>
internal static class PinCommand
{
    public static int Run(string path, string tier, string? socket, TextWriter stdout, TextWriter stderr)
    {
        string full = Path.GetFullPath(path);
        var request = new JsonObject { ["command"] = "pin", ["path"] = full, ["tier"] = tier };
        if (ControlCall.Run("pin", socket, full, request, stderr) is null)
            return 1;
        stdout.WriteLine($"{full}: pinned to {tier} (new extents; existing extents stay where they are)");
        return 0;
    }
}
