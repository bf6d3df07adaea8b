using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using JwtBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Accounts;

// Validated tokens may be remembered, but a ClaimsPrincipal is built for each request: no request sees another's.
public sealed class PrincipalPerRequestTests(PrincipalPerRequestTests.RecordingApp app) : IClassFixture<PrincipalPerRequestTests.RecordingApp>
{
    [Fact]
    public async Task TwoRequestsWithTheSameTokenGetTheirOwnPrincipals()
    {
        var signedIn = await app.SignInAsync();
        app.Principals.Clear();

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", signedIn.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", signedIn.AccessToken)).StatusCode);
        var first = app.Principals.ElementAt(0);
        var second = app.Principals.ElementAt(1);
        Assert.NotSame(first, second);
        Assert.NotSame(first.Identity, second.Identity);

        ((ClaimsIdentity)first.Identity!).AddClaim(new Claim("is_staff", "true"));
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Null(app.Principals.ElementAt(2).FindFirst("is_staff"));
    }

    public sealed class RecordingApp : JwtBlogApp
    {
        public ConcurrentQueue<ClaimsPrincipal> Principals { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RecordPrincipals(Principals)));
        }
    }

    private sealed class RecordPrincipals(ConcurrentQueue<ClaimsPrincipal> principals) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context);
                principals.Enqueue(context.User);
            });
            next(app);
        };
    }
}
