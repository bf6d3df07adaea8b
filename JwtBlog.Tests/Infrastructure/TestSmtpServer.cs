using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace JwtBlog.Tests.Infrastructure;

// A real SMTP server on a loopback port inside the test process. It can be stopped and started again on the same
// port (an outage); tests wait for messages on a signal, never by sleeping.
public sealed class TestSmtpServer : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<ReceivedEmail> _messages = [];
    private readonly List<(Func<ReceivedEmail, bool> Matches, TaskCompletionSource<ReceivedEmail> Found)> _waiters = [];
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    private TestSmtpServer()
    {
    }

    public int Port { get; private set; }

    public bool IsRunning => _server is not null;

    // The settings that point a JwtBlogApp at this server: JwtBlogApp.With([.. smtp.AppSettings]).
    public (string Key, string? Value)[] AppSettings =>
    [
        ("Email:Smtp:Host", "127.0.0.1"),
        ("Email:Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Email:Smtp:Security", "None"),
    ];

    public IReadOnlyList<ReceivedEmail> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    // Listens on a free loopback port.
    public static async Task<TestSmtpServer> StartNewAsync()
    {
        var server = new TestSmtpServer();
        await server.StartAsync();
        return server;
    }

    // Starts listening (again, on the same port once one was chosen); returns once the port accepts connections.
    public async Task StartAsync()
    {
        if (_server is not null)
        {
            return;
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
        Port = await listening.Task.WaitAsync(DefaultTimeout);
    }

    // Stops listening: connections are refused until StartAsync.
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _server.ShutdownTask.WaitAsync(DefaultTimeout);
        await _running!.WaitAsync(DefaultTimeout);
        _server = null;
    }

    // The first message (already received or still to come) to the address that the predicate accepts.
    public Task<ReceivedEmail> WaitForMessageAsync(string to, Func<ReceivedEmail, bool>? predicate = null, TimeSpan? timeout = null)
    {
        bool Matches(ReceivedEmail m) => m.To.Equals(to, StringComparison.OrdinalIgnoreCase) && (predicate is null || predicate(m));
        lock (_lock)
        {
            if (_messages.FirstOrDefault(Matches) is { } received)
            {
                return Task.FromResult(received);
            }

            var found = new TaskCompletionSource<ReceivedEmail>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Matches, found));
            return found.Task.WaitAsync(timeout ?? DefaultTimeout);
        }
    }

    // Waits until this many messages in all have arrived.
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForCountAsync(int count, TimeSpan? timeout = null)
    {
        var seen = 0;
        bool Counts(ReceivedEmail m) => Interlocked.Increment(ref seen) >= count;
        TaskCompletionSource<ReceivedEmail> found;
        lock (_lock)
        {
            if (_messages.Count >= count)
            {
                return [.. _messages];
            }

            seen = _messages.Count;
            found = new TaskCompletionSource<ReceivedEmail>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Counts, found));
        }

        await found.Task.WaitAsync(timeout ?? DefaultTimeout);
        return Messages;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Receive(ReceivedEmail email)
    {
        lock (_lock)
        {
            _messages.Add(email);
            foreach (var waiter in _waiters.Where(w => w.Matches(email)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(email);
            }
        }
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            foreach (var recipient in transaction.To)
            {
                owner.Receive(new ReceivedEmail($"{recipient.User}@{recipient.Host}", message));
            }

            return SmtpResponse.Ok;
        }
    }
}
