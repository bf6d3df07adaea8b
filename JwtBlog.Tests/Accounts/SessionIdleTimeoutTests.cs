using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Accounts;

// The idle rule is also the authentication handler's: an access token of a session unused for longer than the idle
// timeout is refused, however long the token itself would live; each use (by last_seen_at) moves the limit on.
public sealed class SessionIdleTimeoutTests : IDisposable
{
    private readonly JwtBlogApp _app = JwtBlogApp.With(("Jwt:IdleSessionTimeout", "01:00:00"), ("Jwt:AccessTokenLifetime", "1.00:00:00"));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnAccessTokenOfAnIdleSessionIsRefused()
    {
        var caller = await _app.SignInAsync();
        var activity = _app.Services.GetRequiredService<SessionActivity>();
        for (var i = 0; i < 3; i++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(50));
            Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetWithBearerAsync("/accounts/test/", caller.AccessToken)).StatusCode);
            await activity.FlushAsync(CancellationToken.None);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetWithBearerAsync("/accounts/test/", caller.AccessToken)).StatusCode);
    }
}
