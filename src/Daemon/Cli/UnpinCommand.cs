using System.Text.Json.Nodes;

namespace TieredFs.Daemon.Cli;

/// <summary>`tieredfs unpin PATH`: the placement policy decides again for new extents of the file.</summary>
internal static class UnpinCommand
{
    public static int Run(string path, string? socket, TextWriter stdout, TextWriter stderr)
    {
        string full = Path.GetFullPath(path);
        var request = new JsonObject { ["command"] = "unpin", ["path"] = full };
        if (ControlCall.Run("unpin", socket, full, request, stderr) is not { } response)
            return 1;
        stdout.WriteLine((bool?)response["was_pinned"] == true ? $"{full}: unpinned" : $"{full}: was not pinned");
        return 0;
    }
}
