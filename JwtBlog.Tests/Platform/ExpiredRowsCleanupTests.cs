using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Platform;

public sealed class ExpiredRowsCleanupTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task PurgeDeletesEndedSessionsWithTheirTokensAndKeepsLiveOnes()
    {
        var expired = await app.SignInAsync();
        app.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var live = await app.SignInAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;

        await app.WithDbAsync(db => ExpiredRowsCleanup.PurgeAsync(db, now, CancellationToken.None));

        Assert.Equal(0, await app.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == expired.User.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == live.User.Id)));
        var orphans = await app.WithDbAsync(db => db.RefreshTokens.CountAsync(t => !db.Sessions.Any(s => s.Id == t.SessionId)));
        Assert.Equal(0, orphans);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await live.Client.GetAsync("/accounts/test/")).StatusCode);
    }
}
