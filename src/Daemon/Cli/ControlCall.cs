using System.Net.Sockets;
using System.Text.Json.Nodes;
using TieredFs.Daemon.Service;

namespace TieredFs.Daemon.Cli;

/// <summary>One control request from a CLI command, with the failures turned into messages.</summary>
internal static class ControlCall
{
    /// <returns>The daemon's "ok" response, or null after writing why not to <paramref name="stderr"/>.</returns>
    public static JsonObject? Run(string verb, string? socket, string? target, JsonObject request, TextWriter stderr)
    {
        if (!DaemonLocator.TryFind(socket, target, out string path, out string error))
        {
            stderr.WriteLine($"tieredfs {verb}: {error}");
            return null;
        }
        if (!File.Exists(path))
        {
            // .NET reports a missing socket file as "Cannot assign requested address"; say what it is.
            stderr.WriteLine($"tieredfs {verb}: no control socket at {path} (is the daemon running?)");
            return null;
        }
        JsonObject response;
        try
        {
            response = ControlClient.Send(path, request);
        }
        catch (Exception e) when (e is SocketException or IOException or System.Text.Json.JsonException)
        {
            stderr.WriteLine($"tieredfs {verb}: cannot talk to the daemon at {path}: {e.Message}");
            return null;
        }
        if ((bool?)response["ok"] != true)
        {
            stderr.WriteLine($"tieredfs {verb}: {(string?)response["error"] ?? "the daemon refused"}");
            return null;
        }
        return response;
    }
}
