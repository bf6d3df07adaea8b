using System.Globalization;
using System.Net;
using System.Text;
using JwtBlog.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtBlog.Tests.Accounts;

// Security hardening of the authentication handler: a session belongs to one user, a duplicated auth cookie is
// no credential (cookie tossing), and only canonical, strictly typed tokens are accepted.
public sealed class AuthenticationHardeningTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string NotProvided = "{\"detail\":\"Authentication credentials were not provided.\"}";
    private const string Invalid = "{\"detail\":\"Given token not valid for any token type\",\"code\":\"token_not_valid\",\"messages\":[{\"token_class\":\"AccessToken\",\"token_type\":\"access\",\"message\":\"Token is invalid or expired\"}]}";

    [Fact]
    public async Task ALiveSessionOfOneUserNeverAuthenticatesAnother()
    {
        var superuser = await app.CreateUserAsync(staff: true, superuser: true);
        var ordinary = await app.SignInAsync();
        var claims = Api.ClaimsForRemint(ordinary.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithBearerAsync("/accounts/user/", Api.Mint(claims))).StatusCode);

        claims["user_id"] = (long)superuser.Id;
        claims["sub"] = superuser.Id.ToString(CultureInfo.InvariantCulture);
        claims["email"] = superuser.Email!;
        var forged = Api.Mint(claims);
        var response = await app.CreateClient().GetWithBearerAsync("/accounts/user/", forged);
        Assert.Equal(Invalid, await response.RawJsonAsync(HttpStatusCode.Unauthorized));
        var verify = await app.CreateClient().PostJsonAsync("/accounts/token/verify/", new { token = forged });
        Assert.Equal(HttpStatusCode.Unauthorized, verify.StatusCode);
    }

    [Fact]
    public async Task ADuplicatedAccessCookieIsNoCredentialOnTheApi()
    {
        var victim = await app.SignInAsync();
        var attacker = await app.SignInAsync();
        var response = await SendAsync("/accounts/user/", $"my-app-auth={victim.AccessToken}; my-app-auth={attacker.AccessToken}");
        Assert.Equal(NotProvided, await response.RawJsonAsync(HttpStatusCode.Unauthorized));

        var differentCase = await SendAsync("/accounts/user/", $"my-app-auth={victim.AccessToken}; MY-APP-AUTH={attacker.AccessToken}");
        Assert.Equal(HttpStatusCode.Unauthorized, differentCase.StatusCode);
    }

    [Fact]
    public async Task ADuplicatedAuthCookieSignsThePageVisitorOut()
    {
        var victim = await LoginAsync();
        var attacker = await LoginAsync();

        var access = await SendAsync("/account", $"my-app-auth={victim.Access}; my-app-auth={attacker.Access}");
        Assert.Equal(HttpStatusCode.Redirect, access.StatusCode);
        Assert.StartsWith("/login?returnUrl=", access.Headers.Location!.OriginalString);

        // Without an access cookie the page would be silently refreshed; a tossed refresh cookie must not choose the user.
        var refresh = await SendAsync("/account", $"my-refresh-token={victim.Refresh}; my-refresh-token={attacker.Refresh}");
        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        Assert.Null(refresh.SetCookie("my-app-auth"));

        // Either name sent twice makes the request's auth cookies untrustworthy, the good access cookie included.
        var mixed = await SendAsync("/account", $"my-app-auth={victim.Access}; my-refresh-token={victim.Refresh}; my-refresh-token={attacker.Refresh}");
        Assert.Equal(HttpStatusCode.Redirect, mixed.StatusCode);
    }

    [Fact]
    public async Task ADuplicatedRefreshCookieRefreshesNothing()
    {
        var victim = await LoginAsync();
        var attacker = await LoginAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/token/refresh/");
        request.Headers.TryAddWithoutValidation("Cookie", $"my-refresh-token={victim.Refresh}; my-refresh-token={attacker.Refresh}");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.SetCookie("my-app-auth"));
    }

    [Fact]
    public async Task ADuplicatedRefreshCookieLogsNoSessionOut()
    {
        var victim = await LoginAsync();
        var attacker = await LoginAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/logout/");
        request.Headers.TryAddWithoutValidation("Cookie", $"my-refresh-token={victim.Refresh}; my-refresh-token={attacker.Refresh}");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);

        foreach (var access in new[] { victim.Access, attacker.Access })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", access)).StatusCode);
        }
    }

    [Theory]
    [InlineData("padded signature")]
    [InlineData("non-canonical signature bits")]
    [InlineData("unknown crit header")]
    [InlineData("string exp")]
    [InlineData("string iat")]
    [InlineData("string user_id")]
    [InlineData("fractional user_id")]
    public async Task OnlyCanonicalStrictlyTypedTokensAreAccepted(string variant)
    {
        var signedIn = await app.SignInAsync();
        var claims = Api.ClaimsForRemint(signedIn.AccessToken);
        var token = variant switch
        {
            "padded signature" => signedIn.AccessToken + "=",
            "non-canonical signature bits" => WithUnusedSignatureBitsSet(signedIn.AccessToken),
            "unknown crit header" => MintWithHeader(claims, new() { ["crit"] = new[] { "urn:example:unknown" }, ["urn:example:unknown"] = true }),
            "string exp" => Api.Mint(Retyped(claims, "exp", value => value.ToString()!)),
            "string iat" => Api.Mint(Retyped(claims, "iat", value => value.ToString()!)),
            "string user_id" => Api.Mint(Retyped(claims, "user_id", value => value.ToString()!)),
            "fractional user_id" => Api.Mint(Retyped(claims, "user_id", value => Convert.ToDouble(value, CultureInfo.InvariantCulture) + 0.5)),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

        var viaHeader = await app.CreateClient().GetWithBearerAsync("/accounts/test/", token);
        Assert.Equal(Invalid, await viaHeader.RawJsonAsync(HttpStatusCode.Unauthorized));
        var viaCookie = await SendAsync("/accounts/test/", $"my-app-auth={token}");
        Assert.Equal(HttpStatusCode.Unauthorized, viaCookie.StatusCode);
        var verify = await app.CreateClient().PostJsonAsync("/accounts/token/verify/", new { token });
        Assert.Equal(HttpStatusCode.Unauthorized, verify.StatusCode);
    }

    private async Task<(string Access, string Refresh)> LoginAsync()
    {
        var user = await app.CreateUserAsync();
        var response = await app.CreateClient().PostJsonAsync("/accounts/login/", new { email = user.Email, password = JwtBlogApp.Password });
        return (Api.CookieValue(response.SetCookie("my-app-auth")!), Api.CookieValue(response.SetCookie("my-refresh-token")!));
    }

    private Task<HttpResponseMessage> SendAsync(string path, string cookies)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Cookie", cookies);
        return app.CreateBrowser().SendAsync(request);
    }

    private static Dictionary<string, object> Retyped(Dictionary<string, object> claims, string name, Func<object, object> change)
    {
        var copy = new Dictionary<string, object>(claims) { [name] = change(claims[name]) };
        return copy;
    }

    // An HS256 signature is 32 bytes: its 43rd base64url character carries two unused bits that decoders ignore.
    private static string WithUnusedSignatureBitsSet(string token)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        return token[..^1] + alphabet[last | 1];
    }

    private static string MintWithHeader(Dictionary<string, object> claims, Dictionary<string, object> header) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "JwtBlog",
            Audience = "JwtBlog",
            Claims = claims,
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Api.TestSigningKey)), SecurityAlgorithms.HmacSha256),
        });
}
