using System.Net;
using System.Net.Sockets;

namespace JwtBlog.Tests.Infrastructure;

// A loopback port that relays every connection to a server, until Stop: then the connections are cut and new ones are
// refused, as when the server goes down. Lets a test take Redis away from one app without stopping it for the others.
public sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _lock = new();

    public TcpRelay(string hostAndPort)
    {
        var separator = hostAndPort.LastIndexOf(':');
        _host = hostAndPort[..separator];
        _port = int.Parse(hostAndPort[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public void Stop()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_lock)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_host, _port, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_lock)
            {
                if (_stop.IsCancellationRequested)
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    return;
                }

                _connections.Add(inbound);
                _connections.Add(outbound);
            }

            _ = PipeAsync(inbound, outbound);
            _ = PipeAsync(outbound, inbound);
        }
    }

    // Copies one direction until either side closes; closing one side closes the other.
    private static async Task PipeAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // One side closed or was cut by Stop: the other is closed below.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
