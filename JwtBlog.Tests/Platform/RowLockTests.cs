using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Platform;

// Issue 14: on PostgreSQL a write locks only the rows its flow decides on, so writes of different users do not queue
// behind each other, while racing writes of one user or one session still take turns. On SQLite the WriteGate lets one
// writer in, and the same races give the same answers.
public sealed class RowLockTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(30);

    private static void SkipUnlessPostgres(string what) =>
        Assert.SkipUnless(TestDatabase.IsPostgres, $"PostgreSQL only: {what}. Run with {TestDatabase.SwitchVariable}=postgres.");

    [Fact]
    public async Task WhileOneUsersRowIsLockedAnotherUserSignsInAndRefreshesAndTheFirstUsersSignInWaits()
    {
        SkipUnlessPostgres("row locks");
        var held = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        var locked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = Task.Run(() => app.WithDbAsync(db => db.InWriteTransactionAsync(
            async ct =>
            {
                await db.LockUserAsync(held.Id, ct);
                locked.SetResult();
                await release.Task;
            },
            CancellationToken.None)));
        HttpResponseMessage heldLogin;
        try
        {
            await locked.Task.WaitAsync(_patience);
            var heldLoginTask = app.CreateBrowser().Accounts().LoginAsync(held.Email);

            var client = app.CreateBrowser();
            var otherLogin = await client.Accounts().LoginAsync(other.Email).WaitAsync(_patience);
            Assert.Equal(HttpStatusCode.OK, otherLogin.StatusCode);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            var otherRefresh = await client.Accounts().RefreshAsync().WaitAsync(_patience);
            Assert.Equal(HttpStatusCode.OK, otherRefresh.StatusCode);

            await WaitUntilASessionWaitsForARowLockAsync();
            Assert.False(heldLoginTask.IsCompleted);
            release.SetResult();
            heldLogin = await heldLoginTask.WaitAsync(_patience);
        }
        finally
        {
            release.TrySetResult();
            await holder.WaitAsync(_patience);
        }

        Assert.Equal(HttpStatusCode.OK, heldLogin.StatusCode);
    }

    [Fact]
    public async Task TwentyParallelRefreshesOfOneTokenGiveExactlyOneSuccessor()
    {
        var user = await app.CreateUserAsync();
        var login = await app.CreateBrowser().Accounts().LoginAsync(user.Email);
        var refresh = Api.CookieValue(login.SetCookie("my-refresh-token")!);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/token/refresh/");
            request.Headers.Add("Cookie", $"my-refresh-token={refresh}");
            return app.CreateClient().SendAsync(request);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => Api.CookieValue(r.SetCookie("my-refresh-token")!)).Distinct());
        var sid = (string)Api.Claims(refresh)["sid"];
        Assert.Equal(1, await app.WithDbAsync(db => db.RefreshTokens.CountAsync(t => t.SessionId == sid && t.ConsumedAt == null)));
        Assert.Null(await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == sid).Select(s => s.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task ParallelSignInsOfOneUserKeepToTheSessionLimit()
    {
        using var limited = JwtBlogApp.With(("Accounts:MaxSessionsPerUser", "2"), ("Accounts:MaxFailedLogins", "100"));
        var user = await limited.CreateUserAsync();

        var logins = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => limited.CreateBrowser().Accounts().LoginAsync(user.Email)));

        Assert.All(logins, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, await limited.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == user.Id && s.RevokedAt == null)));
    }

    [Fact]
    public async Task ARowLockOutsideAWriteTransactionIsRefused()
    {
        var user = await app.CreateUserAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(db => db.LockUserAsync(user.Id, CancellationToken.None)));
    }

    // Two transactions lock two users in opposite orders: PostgreSQL ends one with a deadlock error, and that one runs
    // again. What it had saved before the deadlock (an entity loaded before the transaction) is saved again, not lost.
    [Fact]
    public async Task ADeadlockedWriteTransactionRunsAgainAndSavesItsChangesAgain()
    {
        SkipUnlessPostgres("deadlock detection");
        var first = await app.CreateUserAsync();
        var second = await app.CreateUserAsync();
        var firstHolds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondHolds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;

        Task LockBothAsync(int ownId, int otherId, string name, TaskCompletionSource own, TaskCompletionSource other) => Task.Run(() =>
            app.WithDbAsync(async db =>
            {
                var user = (await db.Users.FindAsync(ownId))!;
                await db.InWriteTransactionAsync(
                    async ct =>
                    {
                        Interlocked.Increment(ref attempts);
                        await db.LockUserAsync(ownId, ct);
                        user.FirstName = name;
                        await db.SaveChangesAsync(ct);
                        own.TrySetResult();
                        await other.Task;
                        await db.LockUserAsync(otherId, ct);
                    },
                    CancellationToken.None);
            }));

        await Task.WhenAll(
            LockBothAsync(first.Id, second.Id, "First", firstHolds, secondHolds),
            LockBothAsync(second.Id, first.Id, "Second", secondHolds, firstHolds)).WaitAsync(_patience);

        Assert.Equal(3, attempts);
        var names = await app.WithDbAsync(db => db.Users.AsNoTracking()
            .Where(u => u.Id == first.Id || u.Id == second.Id).OrderBy(u => u.Id).Select(u => u.FirstName).ToListAsync());
        Assert.Equal(new string?[] { "First", "Second" }, names);
    }

    // PostgreSQL tells no one when a backend starts waiting, so its activity view is read until it shows one.
    private async Task WaitUntilASessionWaitsForARowLockAsync()
    {
        var deadline = DateTime.UtcNow + _patience;
        while (await app.WithDbAsync(db => db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
            .SingleAsync()) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No request waited for the locked row.");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
