using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.ApiContract;

// Every API endpoint checks CSRF on cookie-authenticated unsafe requests unless it opts out; exactly four do.
public sealed class CsrfByDefaultTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string CsrfFailed = "{\"detail\":\"CSRF Failed: CSRF token missing or incorrect.\"}";

    [Fact]
    public void OnlyLoginItsSecondStepJoinRefreshAndLogoutOptOut()
    {
        var exempt = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ApiEndpointMetadata>() is not null && e.Metadata.GetMetadata<CsrfExemptMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["/accounts/join/", "/accounts/login/", "/accounts/login/mfa/", "/accounts/logout/", "/accounts/token/refresh/"], exempt);
    }

    [Fact]
    public async Task AnEndpointWithoutItsOwnCsrfSetupIsCheckedToo()
    {
        var signedIn = await app.SignInAsync();
        signedIn.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        var verify = await signedIn.Client.PostJsonAsync("/accounts/token/verify/", new { token = signedIn.AccessToken });
        Assert.Equal(CsrfFailed, await verify.RawJsonAsync(HttpStatusCode.Forbidden));
        var create = await signedIn.Client.PostJsonAsync("/blog/", new { title = "t", content = "c" });
        Assert.Equal(CsrfFailed, await create.RawJsonAsync(HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task BearerCallersAndTheExemptEndpointsNeedNoHeader()
    {
        var signedIn = await app.SignInAsync();
        var bearer = app.CreateBrowser();
        var verify = await bearer.SendJsonAsync(HttpMethod.Post, "/accounts/token/verify/", new { token = signedIn.AccessToken }, bearer: signedIn.AccessToken);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);

        signedIn.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var refresh = await signedIn.Client.PostAsync("/accounts/token/refresh/", null);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var logout = await signedIn.Client.PostAsync("/accounts/logout/", null);
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
    }
}
