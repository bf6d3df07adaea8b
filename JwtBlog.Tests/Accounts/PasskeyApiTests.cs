using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts.Passkeys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JwtBlog.Tests.Accounts;

public sealed class PasskeyApiTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string NotVerified = "{\"non_field_errors\":[\"The passkey could not be verified.\"]}";
    private const string Expired = "{\"non_field_errors\":[\"The passkey request has expired or was already used. Please try again.\"]}";

    [Fact]
    public async Task APasskeyAddedOnTheAccountSignsInAloneWithoutAnEmail()
    {
        var signedIn = await app.SignInAsync();
        using var authenticator = new SoftwareAuthenticator();

        var options = await (await signedIn.Client.PostAsync("/accounts/passkeys/options/", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("localhost", options.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(signedIn.User.Email, options.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(signedIn.User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString())));
        Assert.True(options.GetProperty("challenge").GetString()!.Length >= 43);
        var added = await signedIn.Client.PostJsonAsync("/accounts/passkeys/", new { credential = authenticator.Create(options), name = "Laptop" });
        var passkey = await added.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(authenticator.Id, passkey.GetProperty("id").GetString());
        Assert.Equal("Laptop", passkey.GetProperty("name").GetString());
        Assert.Equal(Api.ApiDate(app.Clock.GetUtcNow()), passkey.GetProperty("created_at").GetString());

        var list = await (await signedIn.Client.GetAsync("/accounts/passkeys/")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([authenticator.Id], list.EnumerateArray().Select(p => p.GetProperty("id").GetString()));

        var stranger = app.CreateBrowser();
        var requestOptions = await (await stranger.PostAsync("/accounts/login/passkey/options/", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("localhost", requestOptions.GetProperty("rpId").GetString());
        Assert.True(!requestOptions.TryGetProperty("allowCredentials", out var allowed) || allowed.GetArrayLength() == 0);
        var login = await stranger.PostJsonAsync("/accounts/login/passkey/", new { credential = authenticator.Get(requestOptions) });
        var body = await login.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(signedIn.User.Email, body.GetProperty("user").GetProperty("email").GetString());
        Assert.Contains(login.SetCookies(), c => c.StartsWith("my-app-auth=", StringComparison.Ordinal));
        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal(["hwk"], token.Claims.Where(c => c.Type == "amr").Select(c => c.Value));
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/accounts/user/")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var passkeys = scope.ServiceProvider.GetRequiredService<UserPasskeys>();
        Assert.True(await passkeys.HasPasskeyAsync(signedIn.User, CancellationToken.None));
        Assert.False(await passkeys.HasPasskeyAsync(await app.CreateUserAsync(), CancellationToken.None));
    }

    [Fact]
    public async Task OnlyTheOwnerCanRenameOrRemoveAPasskey()
    {
        var owner = await app.SignInAsync();
        using var authenticator = new SoftwareAuthenticator();
        var id = await AddPasskeyAsync(owner, authenticator);
        var other = await app.SignInAsync();

        var renamedByOther = await other.Client.SendJsonAsync(HttpMethod.Patch, $"/accounts/passkeys/{id}/", new { name = "Mine" });
        Assert.Equal("{\"detail\":\"Not found.\"}", await renamedByOther.RawJsonAsync(HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.SendJsonAsync(HttpMethod.Delete, $"/accounts/passkeys/{id}/")).StatusCode);
        Assert.Equal(0, (await (await other.Client.GetAsync("/accounts/passkeys/")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());

        var renamed = await owner.Client.SendJsonAsync(HttpMethod.Patch, $"/accounts/passkeys/{id}/", new { name = "  Phone " });
        Assert.Equal("Phone", (await renamed.JsonAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        var blank = await owner.Client.SendJsonAsync(HttpMethod.Patch, $"/accounts/passkeys/{id}/", new { name = "" });
        Assert.Equal("{\"name\":[\"This field may not be blank.\"]}", await blank.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.SendJsonAsync(HttpMethod.Patch, "/accounts/passkeys/not*base64/", new { name = "x" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.SendJsonAsync(HttpMethod.Delete, $"/accounts/passkeys/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.SendJsonAsync(HttpMethod.Delete, $"/accounts/passkeys/{id}/")).StatusCode);
        Assert.Equal(0, (await (await owner.Client.GetAsync("/accounts/passkeys/")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());

        // A removed passkey signs nobody in.
        var stranger = app.CreateBrowser();
        var options = await (await stranger.PostAsync("/accounts/login/passkey/options/", null)).JsonAsync(HttpStatusCode.OK);
        var login = await stranger.PostJsonAsync("/accounts/login/passkey/", new { credential = authenticator.Get(options) });
        Assert.Equal(NotVerified, await login.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task PasskeyEndpointsNeedASignedInUserExceptSignIn()
    {
        var anonymous = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/accounts/passkeys/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/accounts/passkeys/options/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/accounts/reauthenticate/passkey/options/", null)).StatusCode);

        var signedIn = await app.SignInAsync();
        signedIn.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        Assert.Equal(HttpStatusCode.Forbidden, (await signedIn.Client.PostAsync("/accounts/passkeys/options/", null)).StatusCode);
    }

    [Fact]
    public async Task BadAssertionsAreRefusedWith400()
    {
        var signedIn = await app.SignInAsync();
        using var authenticator = new SoftwareAuthenticator();
        await AddPasskeyAsync(signedIn, authenticator);
        var client = app.CreateBrowser();

        // No options asked for first: no challenge to answer.
        var options = await (await client.PostAsync("/accounts/login/passkey/options/", null)).JsonAsync(HttpStatusCode.OK);
        var fresh = app.CreateBrowser();
        Assert.Equal(Expired, await (await fresh.PostJsonAsync("/accounts/login/passkey/", new { credential = authenticator.Get(options) })).RawJsonAsync(HttpStatusCode.BadRequest));

        await AssertRefusedAsync(client, _ => authenticator.Get(JsonSerializer.SerializeToElement(new { challenge = "AAAAAAAAAAAAAAAAAAAAAA" })));
        await AssertRefusedAsync(client, fresh => authenticator.Get(fresh, clientData => clientData["origin"] = "https://evil.example"));
        await AssertRefusedAsync(client, fresh => authenticator.Get(fresh, clientData => clientData["type"] = "webauthn.create"));
        await AssertRefusedAsync(client, fresh => authenticator.Get(fresh, clientData => clientData["crossOrigin"] = true));
        await AssertRefusedAsync(client, fresh =>
        {
            var badSignature = authenticator.Get(fresh);
            badSignature["response"]!["signature"] = "MEUCIQ";
            return badSignature;
        });
        await AssertRefusedAsync(client, _ => new JsonObject { ["id"] = "x", ["type"] = "public-key" });
        await AssertRefusedAsync(client, fresh =>
        {
            var unknownUser = authenticator.Get(fresh);
            unknownUser["response"]!["userHandle"] = "OTk5OTk5";
            return unknownUser;
        });

        var notAnObject = await client.PostJsonAsync("/accounts/login/passkey/", new { credential = "text" });
        Assert.Equal("{\"credential\":[\"Expected a dictionary of items but got type \\\"str\\\".\"]}", await notAnObject.RawJsonAsync(HttpStatusCode.BadRequest));
        var missing = await client.PostJsonAsync("/accounts/login/passkey/", new { });
        Assert.Equal("{\"credential\":[\"This field is required.\"]}", await missing.RawJsonAsync(HttpStatusCode.BadRequest));

        // A challenge is answered only within its five minutes (AReplayedCeremonyCookieIsRefused: only once).
        var late = await (await client.PostAsync("/accounts/login/passkey/options/", null)).JsonAsync(HttpStatusCode.OK);
        app.Clock.Advance(PasskeyCeremonies.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(Expired, await (await client.PostJsonAsync("/accounts/login/passkey/", new { credential = authenticator.Get(late) })).RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task AReplayedCeremonyCookieIsRefused()
    {
        var signedIn = await app.SignInAsync();
        using var authenticator = new SoftwareAuthenticator();
        await AddPasskeyAsync(signedIn, authenticator);
        var first = app.CreateBrowser();
        var optionsResponse = await first.PostAsync("/accounts/login/passkey/options/", null);
        var options = await optionsResponse.JsonAsync(HttpStatusCode.OK);
        var ceremonyCookie = optionsResponse.SetCookies().Single(c => c.StartsWith("my-passkey-sign-in=", StringComparison.Ordinal)).Split(';')[0];
        Assert.Contains(optionsResponse.SetCookies(), c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await first.PostJsonAsync("/accounts/login/passkey/", new { credential = authenticator.Get(options) })).StatusCode);

        var copy = app.CreateBrowser();
        var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/login/passkey/") { Content = JsonContent(new { credential = authenticator.Get(options) }) };
        request.Headers.Add("Cookie", ceremonyCookie);
        Assert.Equal(Expired, await (await copy.SendAsync(request)).RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task InactiveAndDeletedUsersCannotSignInWithTheirPasskeys()
    {
        var inactive = await app.SignInAsync();
        using var inactiveKey = new SoftwareAuthenticator();
        await AddPasskeyAsync(inactive, inactiveKey);
        var deleted = await app.SignInAsync();
        using var deletedKey = new SoftwareAuthenticator();
        await AddPasskeyAsync(deleted, deletedKey);
        await app.WithDbAsync(async db =>
        {
            (await db.Users.FindAsync(inactive.User.Id))!.IsActive = false;
            db.Users.Remove((await db.Users.FindAsync(deleted.User.Id))!);
            await db.SaveChangesAsync();
        });

        var client = app.CreateBrowser();
        foreach (var authenticator in new[] { inactiveKey, deletedKey })
        {
            var options = await (await client.PostAsync("/accounts/login/passkey/options/", null)).JsonAsync(HttpStatusCode.OK);
            var login = await client.PostJsonAsync("/accounts/login/passkey/", new { credential = authenticator.Get(options) });
            Assert.Equal(NotVerified, await login.RawJsonAsync(HttpStatusCode.BadRequest));
            Assert.DoesNotContain(login.SetCookies(), c => c.StartsWith("my-app-auth=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task APasskeyReauthenticatesTheSessionAndAddsHwk()
    {
        var signedIn = await app.SignInAsync();
        using var authenticator = new SoftwareAuthenticator();
        await AddPasskeyAsync(signedIn, authenticator);
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        var options = await (await signedIn.Client.PostAsync("/accounts/reauthenticate/passkey/options/", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([authenticator.Id], options.GetProperty("allowCredentials").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        var response = await signedIn.Client.PostJsonAsync("/accounts/reauthenticate/passkey/", new { credential = authenticator.Get(options) });
        var body = await response.JsonAsync(HttpStatusCode.OK);
        var token = new JsonWebToken(body.GetProperty("access").GetString());
        Assert.Equal(["hwk", "pwd"], token.Claims.Where(c => c.Type == "amr").Select(c => c.Value).Order(StringComparer.Ordinal));
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds(), long.Parse(token.GetClaim("auth_time").Value, System.Globalization.CultureInfo.InvariantCulture));

        // Another user's passkey does not re-authenticate this session.
        var other = await app.SignInAsync();
        var otherOptions = await (await other.Client.PostAsync("/accounts/reauthenticate/passkey/options/", null)).JsonAsync(HttpStatusCode.OK);
        var refused = await other.Client.PostJsonAsync("/accounts/reauthenticate/passkey/", new { credential = authenticator.Get(otherOptions) });
        Assert.Equal(NotVerified, await refused.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task ARegistrationAnsweredForAnotherOriginOrTwiceIsRefused()
    {
        var signedIn = await app.SignInAsync();
        using var authenticator = new SoftwareAuthenticator();
        var options = await (await signedIn.Client.PostAsync("/accounts/passkeys/options/", null)).JsonAsync(HttpStatusCode.OK);
        var phished = await signedIn.Client.PostJsonAsync("/accounts/passkeys/",
            new { credential = authenticator.Create(options, clientData => clientData["origin"] = "https://evil.example") });
        Assert.Equal(NotVerified, await phished.RawJsonAsync(HttpStatusCode.BadRequest));

        // The state was spent by the refused answer; the same options cannot be answered again.
        var again = await signedIn.Client.PostJsonAsync("/accounts/passkeys/", new { credential = authenticator.Create(options) });
        Assert.Equal(Expired, await again.RawJsonAsync(HttpStatusCode.BadRequest));

        // Another user's registration state is not this user's.
        var other = await app.SignInAsync();
        var otherOptions = await (await other.Client.PostAsync("/accounts/passkeys/options/", null)).JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(options.GetProperty("user").GetProperty("id").GetString(), otherOptions.GetProperty("user").GetProperty("id").GetString());
    }

    private static async Task<string> AddPasskeyAsync(SignedInClient signedIn, SoftwareAuthenticator authenticator)
    {
        var options = await (await signedIn.Client.PostAsync("/accounts/passkeys/options/", null)).JsonAsync(HttpStatusCode.OK);
        var added = await signedIn.Client.PostJsonAsync("/accounts/passkeys/", new { credential = authenticator.Create(options) });
        return (await added.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    // Fresh options each time, answered wrongly in one way: each refusal is for that one fault.
    private static async Task AssertRefusedAsync(HttpClient client, Func<JsonElement, JsonObject> answer)
    {
        var options = await (await client.PostAsync("/accounts/login/passkey/options/", null)).JsonAsync(HttpStatusCode.OK);
        var response = await client.PostJsonAsync("/accounts/login/passkey/", new { credential = answer(options) });
        Assert.Equal(NotVerified, await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    private static System.Net.Http.Json.JsonContent JsonContent(object value) => System.Net.Http.Json.JsonContent.Create(value);
}
