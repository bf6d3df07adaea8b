using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Platform;

public sealed class DataAccessTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private static AdminLogEntry Entry(string label) => new()
    {
        ActorEmail = "test@example.com",
        ObjectType = AdminObjectTypes.Post,
        ObjectId = "0",
        ObjectLabel = label,
        Action = AdminActions.Change,
        Summary = "Test.",
    };

    [Fact]
    public async Task ANestedWriteTransactionJoinsTheOuterOneInsteadOfQueueingBehindIt()
    {
        var label = Guid.NewGuid().ToString("N");
        await app.WithDbAsync(db => db.InWriteTransactionAsync(
            async ct =>
            {
                var outer = db.Database.CurrentTransaction;
                await db.InWriteTransactionAsync(
                    async inner =>
                    {
                        Assert.Same(outer, db.Database.CurrentTransaction);
                        db.AdminLog.Add(Entry(label));
                        await db.SaveChangesAsync(inner);
                    },
                    ct);
            },
            CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await app.WithDbAsync(db => db.AdminLog.CountAsync(e => e.ObjectLabel == label)));
    }

    [Fact]
    public async Task AFailingWriteTransactionLeavesNothingBehindAndFreesTheGate()
    {
        var label = Guid.NewGuid().ToString("N");
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(db => db.InWriteTransactionAsync(
            async ct =>
            {
                db.AdminLog.Add(Entry(label));
                await db.SaveChangesAsync(ct);
                throw new InvalidOperationException("The work failed.");
            },
            CancellationToken.None)));

        Assert.Equal(0, await app.WithDbAsync(db => db.AdminLog.CountAsync(e => e.ObjectLabel == label)));
        var written = await app.WithDbAsync(db => db.InWriteTransactionAsync(_ => Task.FromResult(true), CancellationToken.None))
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(written);
    }

    [Fact]
    public async Task SingletonsReachTheDatabaseThroughTheFactoryAndScopesStillGetAContext()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.True(await db.Database.CanConnectAsync());
        }

        await using var scope = app.Services.CreateAsyncScope();
        Assert.Same(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public void AnUnknownDatabaseProviderStopsStartUpWithAClearMessage()
    {
        using var unsupported = JwtBlogApp.With(("Database:Provider", "Oracle"));

        var error = Assert.ThrowsAny<Exception>(() => unsupported.CreateClient());

        Assert.Contains("Database:Provider is \"Oracle\", which this app does not support. Supported: \"Sqlite\", \"Postgres\".", error.GetBaseException().Message);
    }
}
