using System.Net;
using System.Net.Sockets;
using System.Text;
using Serilog;

namespace TieredFs.Daemon.Service;

/// <summary>
/// A deliberately tiny HTTP/1.1 responder for Prometheus: GET /metrics → 200, anything else →
/// 404/405, one request per connection (Connection: close). No ASP.NET: one thread, one socket.
/// Bind it to loopback (the default in the example config) unless a firewall guards the port.
/// </summary>
internal sealed class MetricsServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<string> _render;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private MetricsServer(TcpListener listener, Func<string> render)
    {
        _listener = listener;
        _render = render;
        _thread = new Thread(AcceptLoop) { IsBackground = true, Name = "metrics" };
        _thread.Start();
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <param name="listen">"host:port" as validated by the config loader; "localhost" means loopback.</param>
    public static MetricsServer Start(string listen, Func<string> render)
    {
        int colon = listen.LastIndexOf(':');
        string host = listen[..colon].Trim('[', ']');
        int port = int.Parse(listen[(colon + 1)..]);
        IPAddress address = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" => IPAddress.Any,
            _ when IPAddress.TryParse(host, out var ip) => ip,
            _ => Dns.GetHostAddresses(host)[0],
        };
        var listener = new TcpListener(address, port);
        listener.Start();
        return new MetricsServer(listener, render);
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket client;
            try
            {
                client = _listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                if (!_stopping)
                    Log.ForContext<MetricsServer>().Error("Metrics listener stopped: {Reason}", e.Message);
                return;
            }
            using (client)
            {
                try
                {
                    Serve(client);
                }
                catch (Exception e) when (e is SocketException or IOException)
                {
                    // A scraper that hangs up early is not news.
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A bug in rendering must not end the listener (or the mount).
                    Log.ForContext<MetricsServer>().Error(e, "Rendering /metrics failed");
                }
            }
        }
    }

    private void Serve(Socket client)
    {
        client.ReceiveTimeout = 5000;
        client.SendTimeout = 5000;
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n") && request.Length < 16 * 1024)
        {
            int n = client.Receive(buffer);
            if (n == 0)
                break;
            request.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        string[] line = request.ToString().Split("\r\n")[0].Split(' ');
        string method = line.Length > 0 ? line[0] : "";
        string target = line.Length > 1 ? line[1] : "";
        string path = target.Split('?')[0];

        if (method is not ("GET" or "HEAD"))
            Respond(client, "405 Method Not Allowed", "text/plain", "only GET\n", head: false);
        else if (path == "/metrics")
            Respond(client, "200 OK", PrometheusWriter.ContentType, _render(), head: method == "HEAD");
        else
            Respond(client, "404 Not Found", "text/plain", "try /metrics\n", head: method == "HEAD");
    }

    private static void Respond(Socket client, string status, string contentType, string body, bool head)
    {
        byte[] payload = Encoding.UTF8.GetBytes(body);
        string header = $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
        client.Send(Encoding.ASCII.GetBytes(header));
        if (!head)
            client.Send(payload);
    }

    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        _thread.Join(TimeSpan.FromSeconds(2));
    }
}
