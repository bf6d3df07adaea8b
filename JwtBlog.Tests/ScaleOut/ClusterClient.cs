using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace JwtBlog.Tests.ScaleOut;

// A browser-like client of the cluster through nginx. It connects from its own loopback address (127.0.0.x), so nginx,
// and through X-Forwarded-For the app, see a client of its own (the per-IP limits count per test), and it sends the
// public host name, as a browser would. It keeps its cookies itself: the app marks them Secure (the request was
// https as far as it knows), and a cookie container would not send Secure cookies to this plain-http loopback port.
public sealed class ClusterClient : IDisposable
{
    public const string PublicHost = "blog.example.com";
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public ClusterClient(int nginxPort, IPAddress address)
    {
        Address = address;
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(address, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{nginxPort}"), Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Host = PublicHost;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("JwtBlog.Tests/1.0");
    }

    public IPAddress Address { get; }

    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostJsonAsync(string path, object? body, string? csrfToken = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (csrfToken is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrfToken);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return SendAsync(request);
    }

    // Sends with the cookies held now and keeps what the answer sets; no cookie is sent when sendCookies is false.
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool sendCookies = true)
    {
        using (request)
        {
            string[] held;
            lock (_cookies)
            {
                held = [.. _cookies.Select(c => c.Key + "=" + c.Value)];
            }

            if (sendCookies && held.Length > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", held));
            }

            var response = await _http.SendAsync(request);
            Keep(response);
            return response;
        }
    }

    // The instance that answered, as nginx names it ("127.0.0.1:port"; after a failed try "first, second").
    public static string AnsweredBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues(NginxProcess.UpstreamHeader, out var values) ? string.Join(", ", values) : "";

    public static IReadOnlyDictionary<string, string> CookiesSetBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0].Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal)
            : new Dictionary<string, string>();

    public void Dispose() => _http.Dispose();

    private void Keep(HttpResponseMessage response)
    {
        lock (_cookies)
        {
            foreach (var (name, value) in CookiesSetBy(response))
            {
                if (value.Length == 0)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }
    }
}
