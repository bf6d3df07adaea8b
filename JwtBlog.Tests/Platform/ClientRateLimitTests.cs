using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Platform;

// The login limit holds per client network, not per address the client can pick, and all clients together have a ceiling.
public sealed class ClientRateLimitTests
{
    [Fact]
    public async Task IPv6ClientsInOneSlash64ShareOneLimit()
    {
        using var app = PeerAddressApp.With(("RateLimiting:AuthRequestsPerMinutePerIp", "2"));
        Assert.Equal(
            [HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.BadRequest],
            [
                await FailedLoginAsync(app, "2001:db8:1:2::1"),
                await FailedLoginAsync(app, "2001:db8:1:2:aaaa::2"),
                await FailedLoginAsync(app, "2001:db8:1:2:ffff:ffff:ffff:ffff"),
                await FailedLoginAsync(app, "2001:db8:1:3::1"),
            ]);
    }

    [Fact]
    public async Task TheIPv6PrefixLengthIsConfigurable()
    {
        using var app = PeerAddressApp.With(("RateLimiting:AuthRequestsPerMinutePerIp", "1"), ("RateLimiting:IPv6PrefixLength", "48"));
        Assert.Equal(HttpStatusCode.BadRequest, await FailedLoginAsync(app, "2001:db8:1:2::1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await FailedLoginAsync(app, "2001:db8:1:ffff::1"));
    }

    [Fact]
    public async Task ForwardedForIsIgnoredFromALoopbackPeerThatIsNotListed()
    {
        using var app = PeerAddressApp.With(("RateLimiting:AuthRequestsPerMinutePerIp", "2"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            statuses.Add(await FailedLoginAsync(app, "127.0.0.1", forwardedFor: $"198.51.100.{i}"));
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ForwardedForIsBelievedFromAListedProxyOnly()
    {
        using var app = PeerAddressApp.With(
            ("RateLimiting:AuthRequestsPerMinutePerIp", "1"), ("ForwardedHeaders:KnownProxies:0", "10.0.0.5"), ("ForwardedHeaders:KnownNetworks:0", "fd00::/8"));
        Assert.Equal(HttpStatusCode.BadRequest, await FailedLoginAsync(app, "10.0.0.5", forwardedFor: "198.51.100.1"));
        Assert.Equal(HttpStatusCode.BadRequest, await FailedLoginAsync(app, "10.0.0.5", forwardedFor: "198.51.100.2"));
        Assert.Equal(HttpStatusCode.BadRequest, await FailedLoginAsync(app, "fd00::7", forwardedFor: "198.51.100.3"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await FailedLoginAsync(app, "10.0.0.5", forwardedFor: "198.51.100.2"));

        // Anyone else's header is ignored: these two count as the sender itself.
        Assert.Equal(HttpStatusCode.BadRequest, await FailedLoginAsync(app, "203.0.113.9", forwardedFor: "198.51.100.4"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await FailedLoginAsync(app, "203.0.113.9", forwardedFor: "198.51.100.5"));
    }

    [Fact]
    public async Task AllClientsTogetherGetNoMorePasswordHashesThanTheCeiling()
    {
        using var app = PeerAddressApp.With(("RateLimiting:AuthRequestsPerMinutePerIp", "100"), ("RateLimiting:PasswordHashesPerMinute", "3"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            statuses.Add(await FailedLoginAsync(app, $"198.51.100.{i}"));
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        var join = new HttpRequestMessage(HttpMethod.Post, "/accounts/join/") { Content = JsonContent.Create(new { }) };
        join.Headers.Add(PeerAddressApp.PeerHeader, "198.51.100.9");
        var refused = await app.CreateClient().SendAsync(join);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
    }

    [Fact]
    public async Task StrangersWhoUseUpTheCeilingDoNotKeepOutABrowserThatHasSignedInBefore()
    {
        using var app = PeerAddressApp.With(("RateLimiting:AuthRequestsPerMinutePerIp", "100"), ("RateLimiting:PasswordHashesPerMinute", "3"));
        var owner = await app.CreateUserAsync();
        var ownBrowser = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(ownBrowser, "203.0.113.7", owner.Email!));
        Assert.Equal(HttpStatusCode.BadRequest, await FailedLoginAsync(app, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.BadRequest, await FailedLoginAsync(app, "198.51.100.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await FailedLoginAsync(app, "198.51.100.3"));

        // The device cookie from the first sign-in marks this browser as known: it is not counted against the ceiling.
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(ownBrowser, "203.0.113.7", owner.Email!));
        Assert.Equal(HttpStatusCode.TooManyRequests, await FailedLoginAsync(app, "198.51.100.4"));
    }

    [Fact]
    public async Task AClientOverItsOwnLimitDoesNotUseUpTheCeiling()
    {
        using var app = PeerAddressApp.With(("RateLimiting:AuthRequestsPerMinutePerIp", "1"), ("RateLimiting:PasswordHashesPerMinute", "2"));
        for (var i = 0; i < 5; i++)
        {
            await FailedLoginAsync(app, "198.51.100.1");
        }

        Assert.Equal(HttpStatusCode.BadRequest, await FailedLoginAsync(app, "198.51.100.2"));
    }

    [Fact]
    public async Task AnIPv4AddressMappedIntoIPv6CountsAsThatIPv4Address()
    {
        using var app = PeerAddressApp.With(("RateLimiting:AuthRequestsPerMinutePerIp", "1"));
        Assert.Equal(HttpStatusCode.BadRequest, await FailedLoginAsync(app, "198.51.100.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await FailedLoginAsync(app, "::ffff:198.51.100.7"));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.example", "KnownProxies has \"proxy.example\"")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.1", "KnownNetworks has \"10.0.0.1\"")]
    [InlineData("RateLimiting:IPv6PrefixLength", "129", "IPv6PrefixLength is 129")]
    [InlineData("RateLimiting:PasswordHashesPerMinute", "0", "PasswordHashesPerMinute must be at least 1")]
    public void BadSettingsStopStartUpWithAMessageThatNamesThem(string key, string value, string message)
    {
        using var app = JwtBlogApp.With((key, value));
        var error = Assert.Throws<InvalidOperationException>(() => app.Services);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> LoginAsync(HttpClient client, string peer, string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/login/")
        {
            Content = JsonContent.Create(new { email, password = JwtBlogApp.Password }),
        };
        request.Headers.Add(PeerAddressApp.PeerHeader, peer);
        return (await client.SendAsync(request)).StatusCode;
    }

    private static async Task<HttpStatusCode> FailedLoginAsync(JwtBlogApp app, string peer, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/login/")
        {
            Content = JsonContent.Create(new { email = app.NewEmail(), password = "not the password" }),
        };
        request.Headers.Add(PeerAddressApp.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }
}
