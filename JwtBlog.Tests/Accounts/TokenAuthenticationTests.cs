using System.Net;
using JwtBlog.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace JwtBlog.Tests.Accounts;

// CONTRACT.md §6 and the security checklist's JWT items, with the cookie now accepted (JwtCookieHandler).
public sealed class TokenAuthenticationTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string NotProvided = "{\"detail\":\"Authentication credentials were not provided.\"}";
    private const string Invalid = "{\"detail\":\"Given token not valid for any token type\",\"code\":\"token_not_valid\",\"messages\":[{\"token_class\":\"AccessToken\",\"token_type\":\"access\",\"message\":\"Token is invalid or expired\"}]}";

    [Fact]
    public async Task BearerHeaderAuthenticates()
    {
        var signedIn = await app.SignInAsync();
        var response = await app.CreateClient().GetWithBearerAsync("/accounts/test/", signedIn.AccessToken);
        var body = await response.RawJsonAsync(HttpStatusCode.OK);
        Assert.Equal($"{{\"message\":\"Hello, World!\",\"user\":\"{signedIn.User.Email}\"}}", body);
    }

    [Fact]
    public async Task AccessCookieAloneAuthenticates()
    {
        var signedIn = await app.SignInAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", $"my-app-auth={signedIn.AccessToken}");
        var response = await client.GetAsync("/accounts/test/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HeaderWinsOverCookieAndABadCookieNeverSpoilsAGoodHeader()
    {
        var first = await app.SignInAsync();
        var second = await app.SignInAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "my-app-auth=garbage");
        var response = await client.GetWithBearerAsync("/accounts/user/", second.AccessToken);
        Assert.Equal(second.User.Id, (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("pk").GetInt32());

        var both = app.CreateClient();
        both.DefaultRequestHeaders.Add("Cookie", $"my-app-auth={first.AccessToken}");
        var fromHeader = await both.GetWithBearerAsync("/accounts/user/", second.AccessToken);
        Assert.Equal(second.User.Id, (await fromHeader.JsonAsync(HttpStatusCode.OK)).GetProperty("pk").GetInt32());
    }

    [Fact]
    public async Task NoCredentialsAnswers401WithTheOriginalsBodyAndChallenge()
    {
        var response = await app.CreateClient().GetAsync("/accounts/test/");
        Assert.Equal(NotProvided, await response.RawJsonAsync(HttpStatusCode.Unauthorized));
        Assert.Equal("Bearer realm=\"api\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer a b")]
    public async Task MalformedAuthorizationHeaderIsNamed(string header)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        var response = await client.GetAsync("/accounts/test/");
        Assert.Equal(
            "{\"detail\":\"Authorization header must contain two space-delimited values\",\"code\":\"bad_authorization_header\"}",
            await response.RawJsonAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task AccessTokenInTheQueryStringIsIgnored()
    {
        var signedIn = await app.SignInAsync();
        var response = await app.CreateClient().GetAsync($"/accounts/test/?access_token={signedIn.AccessToken}");
        Assert.Equal(NotProvided, await response.RawJsonAsync(HttpStatusCode.Unauthorized));
    }

    public static TheoryData<string> ForgedTokens => ["garbage", "a.b.c", "{\"alg\":\"none\"}", "....", new string('A', 300_000)];

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task GarbageTokensAre401NeverA500(string token)
    {
        foreach (var viaCookie in new[] { false, true })
        {
            var client = app.CreateClient();
            var response = viaCookie
                ? await SendWithCookieAsync(client, token)
                : await client.GetWithBearerAsync("/accounts/test/", token);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.RequestHeaderFieldsTooLarge,
                $"{response.StatusCode} for a forged token via {(viaCookie ? "cookie" : "header")}");
        }
    }

    [Fact]
    public async Task TamperedAlgNoneOtherKeyOtherAlgorithmAndWrongIssuerOrAudienceAreRefused()
    {
        var signedIn = await app.SignInAsync();
        var claims = Api.ClaimsForRemint(signedIn.AccessToken);
        var parts = signedIn.AccessToken.Split('.');
        var flippedSignature = parts[2][..^2] + (parts[2][^2] == 'A' ? "B" : "A") + parts[2][^1];
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var staffPayload = Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[1]).Replace("\"user_id\":", "\"is_staff\":true,\"user_id\":"));

        var forged = new[]
        {
            $"{parts[0]}.{parts[1]}.{flippedSignature}",
            $"{parts[0]}.{parts[1]}.",
            $"{header}.{parts[1]}.",
            $"{parts[0]}.{staffPayload}.{parts[2]}",
            Api.Mint(claims, key: "another-key-another-key-another-key-0123456789"),
            Api.Mint(claims, algorithm: SecurityAlgorithms.HmacSha384),
            Api.Mint(claims, issuer: "someone-else"),
            Api.Mint(claims, audience: "someone-else"),
        };
        foreach (var token in forged)
        {
            var response = await app.CreateClient().GetWithBearerAsync("/accounts/test/", token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var genuine = await app.CreateClient().GetWithBearerAsync("/accounts/test/", Api.Mint(claims));
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task InvalidTokenGetsTheOriginalsMessage()
    {
        var response = await app.CreateClient().GetWithBearerAsync("/accounts/test/", "garbage");
        Assert.Equal(Invalid, await response.RawJsonAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task RefreshTokenNeverAuthenticatesARequest()
    {
        var signedIn = await app.SignInAsync();
        var login = await app.CreateClient().PostJsonAsync("/accounts/login/", new { email = signedIn.User.Email, password = JwtBlogApp.Password });
        var refresh = Api.CookieValue(login.SetCookie("my-refresh-token")!);

        var viaHeader = await app.CreateClient().GetWithBearerAsync("/accounts/test/", refresh);
        var body = await viaHeader.JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Token has wrong type", body.GetProperty("messages")[0].GetProperty("message").GetString());

        var viaCookie = await SendWithCookieAsync(app.CreateClient(), refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, viaCookie.StatusCode);
    }

    [Fact]
    public async Task ExpiryHonoursTheClockWithAtMostThirtySecondsOfSkew()
    {
        var signedIn = await app.SignInAsync();
        var client = app.CreateClient();

        app.Clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithBearerAsync("/accounts/test/", signedIn.AccessToken)).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithBearerAsync("/accounts/test/", signedIn.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task TokenWithoutExpiryOrNotYetValidIsRefused()
    {
        var signedIn = await app.SignInAsync();
        var noExpiry = Api.ClaimsForRemint(signedIn.AccessToken);
        noExpiry.Remove("exp");
        var notYet = Api.ClaimsForRemint(signedIn.AccessToken);
        notYet["nbf"] = app.Clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds();

        foreach (var claims in new[] { noExpiry, notYet })
        {
            var response = await app.CreateClient().GetWithBearerAsync("/accounts/test/", Api.Mint(claims));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task DeactivatedOrDeletedUsersTokensAreRefusedOnTheNextRequest()
    {
        var deactivated = await app.SignInAsync();
        var deleted = await app.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await deactivated.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await deleted.Client.GetAsync("/accounts/test/")).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.FindAsync(deactivated.User.Id);
            user!.IsActive = false;
            db.Users.Remove((await db.Users.FindAsync(deleted.User.Id))!);
            await db.SaveChangesAsync();
        });

        // The session cache lives for a few seconds; a change made behind the app's back shows once it lapses.
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await deactivated.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await deleted.Client.GetAsync("/accounts/test/")).StatusCode);
        var refresh = await deactivated.Client.PostAsync("/accounts/token/refresh/", null);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task UserEndpointAnswersTheSameUserViaCookieAndHeader()
    {
        var signedIn = await app.SignInAsync();
        var viaCookie = await (await signedIn.Client.GetAsync("/accounts/user/")).RawJsonAsync(HttpStatusCode.OK);
        var viaHeader = await (await app.CreateClient().GetWithBearerAsync("/accounts/user/", signedIn.AccessToken)).RawJsonAsync(HttpStatusCode.OK);
        Assert.Equal(viaCookie, viaHeader);
    }

    [Fact]
    public async Task UnknownApiPathsAndWrongMethodsAnswerJson()
    {
        var missing = await app.CreateClient().GetAsync("/accounts/nothing-here/");
        Assert.Equal("{\"detail\":\"Not found.\"}", await missing.RawJsonAsync(HttpStatusCode.NotFound));
        var wrong = await app.CreateClient().PostJsonAsync("/accounts/test/", new { });
        await wrong.JsonAsync(HttpStatusCode.MethodNotAllowed);
    }

    private static Task<HttpResponseMessage> SendWithCookieAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/accounts/test/");
        request.Headers.TryAddWithoutValidation("Cookie", $"my-app-auth={token}");
        return client.SendAsync(request);
    }
}
