using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Accounts;

// What the authentication handler hands the rest of the request: a ClaimsPrincipal of its own (validated tokens may be
// remembered, principals never are) and, in the result's properties, where the token came from (for the CSRF check).
public sealed class AuthenticationResultTests(AuthenticationResultTests.RecordingApp app) : IClassFixture<AuthenticationResultTests.RecordingApp>
{
    [Fact]
    public async Task TwoRequestsWithTheSameTokenGetTheirOwnPrincipals()
    {
        var signedIn = await app.SignInAsync();
        app.Requests.Clear();

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", signedIn.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", signedIn.AccessToken)).StatusCode);
        var first = app.Requests.ElementAt(0).User;
        var second = app.Requests.ElementAt(1).User;
        Assert.NotSame(first, second);
        Assert.NotSame(first.Identity, second.Identity);

        ((ClaimsIdentity)first.Identity!).AddClaim(new Claim("is_staff", "true"));
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Null(app.Requests.ElementAt(2).User.FindFirst("is_staff"));
    }

    [Fact]
    public async Task TheResultSaysWhetherTheTokenCameFromTheCookieOrTheHeader()
    {
        var signedIn = await app.SignInAsync();
        app.Requests.Clear();

        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", signedIn.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/accounts/test/")).StatusCode);
        Assert.Equal([CredentialSource.Cookie, CredentialSource.Header, null], app.Requests.Select(r => r.Credential));
    }

    public sealed class RecordingApp : JwtBlogApp
    {
        public ConcurrentQueue<(ClaimsPrincipal User, string? Credential)> Requests { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RecordAuthentication(Requests)));
        }
    }

    private sealed class RecordAuthentication(ConcurrentQueue<(ClaimsPrincipal, string?)> requests) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context);
                var result = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult;
                requests.Enqueue((context.User, result?.Properties?.GetString(CredentialSource.PropertyName)));
            });
            next(app);
        };
    }
}
