using System.Collections.Concurrent;
using JwtBlog.Web.Features.Email;
using MimeKit;

namespace JwtBlog.Tests.Email;

// A transport the test controls: it fails while Failing is set, and records every message it accepted.
public sealed class ScriptedTransport : IMailTransport
{
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public ConcurrentQueue<string> SentMessageIds { get; } = new();

    public Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (_failing)
        {
            throw new IOException("Connection refused by the test");
        }

        SentMessageIds.Enqueue(message.MessageId ?? "");
        return Task.CompletedTask;
    }
}
