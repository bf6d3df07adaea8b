using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace JwtBlog.Tests.Email;

// The outbox loses nothing and sends nothing twice: through an SMTP outage, a rollback, a restart and racing senders.
public sealed class OutboxDeliveryTests
{
    private const int MessageSendFailed = 5001;
    private const int MessageSent = 5000;

    [Fact]
    public async Task ThreeEmailsCausedDuringAnSmtpOutageArriveExactlyOnceWhenTheServerIsBack()
    {
        await using var smtp = await TestSmtpServer.StartNewAsync();
        await smtp.StopAsync();
        await using var app = JwtBlogApp.With(smtp.AppSettings);
        var user = await app.CreateUserAsync();

        // Each sign-in from a fresh client (no device cookie) causes a "new sign-in" notice.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateAccountsApi().LoginAsync(user.Email)).StatusCode);
        }

        await app.Logs.WaitForEventAsync(MessageSendFailed, 3);
        Assert.Empty(smtp.Messages);

        await smtp.StartAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));
        app.Services.GetRequiredService<OutboxSignal>().Notify();
        var received = await smtp.WaitForCountAsync(3);

        Assert.Equal(3, received.Count);
        Assert.All(received, m => Assert.Equal(user.Email, m.To));
        Assert.Equal(3, received.Select(m => m.Message.MessageId).Distinct().Count());
        await app.Logs.WaitForEventAsync(MessageSent, 3);
        Assert.Equal(0, await app.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None));
        Assert.Equal(3, smtp.Messages.Count);
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null)));
    }

    [Fact]
    public async Task AMessageAddedInATransactionThatRollsBackIsNeverSent()
    {
        await using var smtp = await TestSmtpServer.StartNewAsync();
        await using var app = JwtBlogApp.With(smtp.AppSettings);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InWriteTransactionAsync(
                async ct =>
                {
                    outbox.Add(new EmailMessage("rolled-back@example.com", "Rolled back", "text", "<p>html</p>"));
                    await db.SaveChangesAsync(ct);
                    throw new InvalidOperationException("The change fails after the email was saved.");
                },
                CancellationToken.None));
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Add(new EmailMessage("committed@example.com", "Committed", "text", "<p>html</p>"));
            await db.SaveChangesAsync();
        }

        await smtp.WaitForMessageAsync("committed@example.com");
        Assert.Equal(0, await app.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None));
        Assert.DoesNotContain(smtp.Messages, m => m.To == "rolled-back@example.com");
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == "rolled-back@example.com")));
    }

    [Fact]
    public async Task TheOutboxSurvivesARestartAndTheNextInstanceSendsWhatTheFirstLeft()
    {
        var folder = Directory.CreateTempSubdirectory("jwtblog-outbox-").FullName;
        using var shared = new SharedTestDatabase(Path.Combine(folder, "shared.db"));
        var database = shared.Setting;
        try
        {
            await using var smtp = await TestSmtpServer.StartNewAsync();
            await smtp.StopAsync();
            string email;
            await using (var first = JwtBlogApp.With([.. smtp.AppSettings, database]))
            {
                var user = await first.CreateUserAsync();
                email = user.Email!;
                Assert.Equal(HttpStatusCode.OK, (await first.CreateAccountsApi().LoginAsync(email)).StatusCode);
                await first.Logs.WaitForEventAsync(MessageSendFailed, 1);
            }

            await smtp.StartAsync();
            await using var second = JwtBlogApp.With([.. smtp.AppSettings, database]);
            // The retry is due in the second instance's time; its first pass at start-up sends it.
            second.Clock.Advance(TimeSpan.FromHours(1));
            _ = second.Services;

            var received = await smtp.WaitForMessageAsync(email);
            Assert.Contains("New sign-in", received.Subject, StringComparison.Ordinal);
            await second.Logs.WaitForEventAsync(MessageSent, 1);
            Assert.Single(smtp.Messages);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task WithoutAnSmtpHostMessagesAreWrittenAsEmlFilesWithBothPartsIntoAnOwnerOnlyFolder()
    {
        await using var app = new JwtBlogApp();
        var user = await app.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAccountsApi().LoginAsync(user.Email)).StatusCode);
        await app.Logs.WaitForEventAsync(MessageSent, 1);

        var folder = Path.Combine(app.DataDirectory, "mail");
        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(user.Email, message.To.Mailboxes.Single().Address);
        Assert.Equal("noreply@localhost", message.From.Mailboxes.Single().Address);
        Assert.StartsWith("[JwtBlog] ", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Browser:", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("outbox-", message.MessageId, StringComparison.Ordinal);
        Assert.Equal(OwnerOnly.FolderMode, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(file));
        // Only Development names each file in the log.
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(file, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DevelopmentLogsThePathOfEachPickupFile()
    {
        await using var app = new JwtBlogApp();
        await using var development = app.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));
        await using (var scope = development.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Add(new EmailMessage("dev@example.com", "Hello", "text", "<p>html</p>"));
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        await app.Logs.WaitForEventAsync(5003, 1);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml"));
        Assert.Contains(app.Logs.Lines, line => line.Contains(file, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoInstancesRacingOverOneDatabaseNeverSendOneMessageTwice()
    {
        const int count = 60;
        var folder = Directory.CreateTempSubdirectory("jwtblog-race-").FullName;
        using var shared = new SharedTestDatabase(Path.Combine(folder, "shared.db"));
        var database = shared.Setting;
        try
        {
            await using var first = JwtBlogApp.With(database);
            await using var second = JwtBlogApp.With(database);
            // Far ahead of both apps' clocks, so that only the deliveries below find these messages due.
            var clock = new FakeTimeProvider(first.Clock.GetUtcNow() + TimeSpan.FromDays(30));
            var now = clock.GetUtcNow().UtcDateTime;
            await first.WithDbAsync(async db =>
            {
                for (var i = 0; i < count; i++)
                {
                    db.Outbox.Add(new OutboxMessage
                    {
                        To = $"race{i}@example.com",
                        Subject = "Race",
                        TextBody = "text",
                        HtmlBody = "<p>html</p>",
                        CreatedAt = now,
                        NextAttemptAt = now,
                    });
                }

                await db.SaveChangesAsync();
            });

            var transport = new ScriptedTransport();
            var deliveries = new[] { first, second, first, second }.Select(app => DeliveryFor(app, transport, clock)).ToList();
            await Task.WhenAll(deliveries.Select(d => Task.Run(async () =>
            {
                while (await d.DeliverDueAsync(CancellationToken.None) > 0)
                {
                }
            })));

            Assert.Equal(count, transport.SentMessageIds.Count);
            Assert.Equal(count, transport.SentMessageIds.Distinct().Count());
            Assert.Equal(0, await first.WithDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AFailedMessageIsRetriedWithExponentialBackoffOnTheClockForEver()
    {
        await using var app = new JwtBlogApp();
        var clock = new FakeTimeProvider(app.Clock.GetUtcNow() + TimeSpan.FromDays(30));
        var transport = new ScriptedTransport { Failing = true };
        var delivery = DeliveryFor(app, transport, clock);
        var start = clock.GetUtcNow().UtcDateTime;
        var id = await app.WithDbAsync(async db =>
        {
            var row = new OutboxMessage { To = "backoff@example.com", Subject = "Backoff", TextBody = "t", HtmlBody = "<p>h</p>", CreatedAt = start, NextAttemptAt = start };
            db.Outbox.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

        var expected = TimeSpan.FromSeconds(5);
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            Assert.Equal(1, await delivery.DeliverDueAsync(CancellationToken.None));
            var row = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
            var now = clock.GetUtcNow().UtcDateTime;
            Assert.Equal(attempt, row.Attempts);
            Assert.Null(row.SentAt);
            Assert.Null(row.ClaimedBy);
            Assert.Equal("IOException: Connection refused by the test", row.LastError);
            Assert.InRange(row.NextAttemptAt - now, expected * 0.8, expected);

            // Not due a moment before its time, due at it.
            clock.Advance(row.NextAttemptAt - now - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, await delivery.DeliverDueAsync(CancellationToken.None));
            clock.Advance(TimeSpan.FromMilliseconds(1));
            expected = expected * 2 > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : expected * 2;
        }

        transport.Failing = false;
        Assert.Equal(1, await delivery.DeliverDueAsync(CancellationToken.None));
        Assert.NotNull((await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id))).SentAt);
        Assert.Single(transport.SentMessageIds);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await delivery.DeliverDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DeliveredMessagesArePurgedAfterAWeekAndUndeliveredOnesNever()
    {
        await using var app = new JwtBlogApp();
        var old = app.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(30);
        await app.WithDbAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage { To = "sent@example.com", Subject = "s", TextBody = "t", HtmlBody = "h", CreatedAt = old, NextAttemptAt = old, SentAt = old });
            db.Outbox.Add(new OutboxMessage { To = "recent@example.com", Subject = "s", TextBody = "t", HtmlBody = "h", CreatedAt = old, NextAttemptAt = old, SentAt = app.Clock.GetUtcNow().UtcDateTime.AddDays(-1) });
            db.Outbox.Add(new OutboxMessage { To = "unsent@example.com", Subject = "s", TextBody = "t", HtmlBody = "h", CreatedAt = old, NextAttemptAt = app.Clock.GetUtcNow().UtcDateTime.AddDays(1), Attempts = 500 });
            await db.SaveChangesAsync();
        });

        await app.WithDbAsync(db => ExpiredRowsCleanup.PurgeAsync(db, app.Clock.GetUtcNow().UtcDateTime, CancellationToken.None));

        var left = await app.WithDbAsync(db => db.Outbox.Select(m => m.To).OrderBy(t => t).ToListAsync());
        Assert.Equal(["recent@example.com", "unsent@example.com"], left);
    }

    private static OutboxDelivery DeliveryFor(JwtBlogApp app, IMailTransport transport, TimeProvider clock) => new(
        app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
        transport,
        app.Services.GetRequiredService<IOptions<EmailSettings>>(),
        clock,
        NullLogger<OutboxDelivery>.Instance);
}
