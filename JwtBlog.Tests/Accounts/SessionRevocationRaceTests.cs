using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Accounts;

// A request that read a session row just before its revocation must not write "alive" into the cache after it.
public sealed class SessionRevocationRaceTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task ARequestHeldBetweenItsSessionReadAndItsCacheWriteCannotResurrectARevokedSession()
    {
        var signedIn = await app.SignInAsync();
        var sessionId = (string)Api.Claims(signedIn.AccessToken)["sid"];

        // The sign-in's page request cached the session; once that answer lapses the next request reads the row.
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        var guard = app.Services.GetRequiredService<SessionGuard>();
        var readDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = 0;
        guard.AfterSessionReadForTests = async id =>
        {
            if (id == sessionId && Interlocked.Exchange(ref holding, 1) == 0)
            {
                readDone.SetResult();
                await release.Task;
            }
        };

        try
        {
            var racing = app.CreateClient().GetWithBearerAsync("/accounts/test/", signedIn.AccessToken);
            await readDone.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<TokenService>().RevokeSessionByIdAsync(sessionId, CancellationToken.None);
            }

            release.SetResult();
            await racing;
        }
        finally
        {
            guard.AfterSessionReadForTests = null;
        }

        var after = await app.CreateClient().GetWithBearerAsync("/accounts/test/", signedIn.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
