using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog;

namespace TieredFs.Daemon.Service;

/// <summary>
/// The control socket: a Unix stream socket, mode 0600 (root only), one thread accepting and a
/// short-lived thread per client. A live socket at the path means another daemon already serves
/// this config, and starting is refused — two daemons on the same tiers would corrupt them.
/// </summary>
internal sealed class ControlServer : IDisposable
{
    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<JsonObject, JsonObject> _execute;
    private readonly Thread _acceptor;
    private volatile bool _stopping;

    private ControlServer(Socket listener, string path, Func<JsonObject, JsonObject> execute)
    {
        _listener = listener;
        _path = path;
        _execute = execute;
        _acceptor = new Thread(AcceptLoop) { IsBackground = true, Name = "control-accept" };
        _acceptor.Start();
    }

    public string Path => _path;

    /// <exception cref="ControlSocketInUseException">Another daemon answers on <paramref name="path"/>.</exception>
    public static ControlServer Start(string path, Func<JsonObject, JsonObject> execute)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the control socket needs Linux");
        string dir = System.IO.Path.GetDirectoryName(path) ?? "/";
        Directory.CreateDirectory(dir);
        RemoveStale(path);

        // Bind inside a private 0700 directory, tighten the mode, then rename into place: the
        // socket is never reachable with the umask's looser mode, and no process-wide umask is touched.
        string staging = System.IO.Path.Join(dir, $".{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}");
        Directory.CreateDirectory(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string staged = System.IO.Path.Join(staging, "s");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(staged));
            File.SetUnixFileMode(staged, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(staged, path, overwrite: true);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
        return new ControlServer(listener, path, execute);
    }

    /// <summary>
    /// A socket file nobody listens on is left by a daemon that died: remove it. One that answers
    /// is in use. The probe never waits: a blocking connect to a listener whose backlog is full
    /// (a daemon that stopped accepting) would hang this start forever, so such a listener counts
    /// as in use too — it is not ours to remove.
    /// </summary>
    private static void RemoveStale(string path)
    {
        if (!File.Exists(path))
            return;
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.TryAgain or SocketError.InProgress)
        {
            // A listener is there but saturated: someone owns it.
        }
        catch (SocketException)
        {
            File.Delete(path);
            return;
        }
        throw new ControlSocketInUseException($"another tieredfs daemon is serving the control socket {path} (same config already mounted?)");
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!_stopping)
                    Log.ForContext<ControlServer>().Error("Control socket {Path} stopped accepting: {Reason}", _path, e.Message);
                return;
            }
            new Thread(() => Serve(client)) { IsBackground = true, Name = "control-client" }.Start();
        }
    }

    private void Serve(Socket client)
    {
        using (client)
        {
            client.ReceiveTimeout = 60_000;
            client.SendTimeout = 10_000;
            var pending = new List<byte>();
            try
            {
                while (ControlProtocol.ReadLine(client, pending) is { } line)
                {
                    if (line.Length == 0)
                        continue;
                    ControlProtocol.WriteLine(client, Answer(line));
                }
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
            {
                // The client went away or sent garbage; nothing to tell anyone.
            }
        }
    }

    private JsonObject Answer(string line)
    {
        JsonObject? request;
        try
        {
            request = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException e)
        {
            return ControlProtocol.Error($"not JSON: {e.Message}");
        }
        if (request is null)
            return ControlProtocol.Error("expected a JSON object");
        try
        {
            return _execute(request);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.ForContext<ControlServer>().Error(e, "Control request {Command} failed", (string?)request["command"]);
            return ControlProtocol.Error($"internal error: {e.Message}");
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _listener.Dispose();
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed class ControlSocketInUseException(string message) : Exception(message);
