using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace TieredFs.Daemon.Service;

/// <summary>The CLI side of the control socket: one request, one response.</summary>
internal static class ControlClient
{
    public static JsonObject Send(string socketPath, JsonObject request, TimeSpan? timeout = null)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        int ms = (int)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
        socket.SendTimeout = ms;
        socket.ReceiveTimeout = ms;
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        ControlProtocol.WriteLine(socket, request);
        string line = ControlProtocol.ReadLine(socket, []) ?? throw new IOException("the daemon closed the connection without answering");
        return JsonNode.Parse(line) as JsonObject ?? throw new IOException("the daemon sent something other than a JSON object");
    }
}
