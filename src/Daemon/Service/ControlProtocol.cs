using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TieredFs.Daemon.Service;

/// <summary>
/// The control socket speaks line-delimited JSON: one object per line each way, one response per
/// request, in order. Requests: {"command":"status"}, {"command":"pin","path":P,"tier":T},
/// {"command":"unpin","path":P}, {"command":"inspect","path":P}, {"command":"reload"}.
/// Responses: {"ok":true,...} or {"ok":false,"error":"why"}. Keys are snake_case.
/// </summary>
internal static class ControlProtocol
{
    /// <summary>A request line longer than this is refused: a path plus a tier name fits easily.</summary>
    public const int MaxLineBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    public static JsonObject Ok(JsonObject? body = null)
    {
        var o = body ?? new JsonObject();
        o.Insert(0, "ok", true);
        return o;
    }

    public static JsonObject Error(string message) => new() { ["ok"] = false, ["error"] = message };

    public static void WriteLine(Socket socket, JsonNode node)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(node.ToJsonString() + "\n");
        int sent = 0;
        while (sent < bytes.Length)
            sent += socket.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
    }

    /// <summary>Reads one line (without the newline); null at end of stream. Bytes after the line stay in <paramref name="pending"/>.</summary>
    public static string? ReadLine(Socket socket, List<byte> pending)
    {
        var chunk = new byte[4096];
        while (true)
        {
            int newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                string line = Encoding.UTF8.GetString(pending.GetRange(0, newline).ToArray());
                pending.RemoveRange(0, newline + 1);
                return line;
            }
            if (pending.Count > MaxLineBytes)
                throw new InvalidDataException($"request line longer than {MaxLineBytes} bytes");
            int n = socket.Receive(chunk);
            if (n == 0)
                return pending.Count > 0 ? Flush(pending) : null;
            pending.AddRange(chunk.AsSpan(0, n));
        }
    }

    private static string Flush(List<byte> pending)
    {
        string line = Encoding.UTF8.GetString(pending.ToArray());
        pending.Clear();
        return line;
    }
}
