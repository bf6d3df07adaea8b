using System.Net;
using System.Security.Cryptography;
using JwtBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace JwtBlog.Tests.Accounts;

// The relying party comes from configuration: checked at start, and what the options carry.
public sealed class PasskeyConfigurationTests
{
    [Fact]
    public void ProductionRefusesToTakeTheRelyingPartyFromTheHostHeader()
    {
        using var app = JwtBlogApp.With(
            ("Jwt:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))), ("AllowedHosts", "blog.example"));
        using var production = app.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("Passkeys:ServerDomain (or App:PublicBaseUrl) is required in Production", Flatten(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Passkeys:AllowedOrigins:0", "https://blog.example/path", "Passkeys:AllowedOrigins must hold origins only")]
    [InlineData("Passkeys:AllowedOrigins:0", "*", "Passkeys:AllowedOrigins must hold origins only")]
    [InlineData("Passkeys:ServerDomain", "https://blog.example", "Passkeys:ServerDomain must be a domain name")]
    [InlineData("Passkeys:ServerDomain", "127.0.0.1", "Passkeys:ServerDomain must be a domain name")]
    public void BadPasskeySettingsStopTheStart(string key, string value, string message)
    {
        using var app = JwtBlogApp.With((key, value));
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains(message, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConfiguredDomainAndOriginsAreTheRelyingParty()
    {
        using var app = JwtBlogApp.With(("Passkeys:ServerDomain", "blog.example"), ("Passkeys:AllowedOrigins:0", "https://blog.example"));
        var signedIn = await app.SignInAsync();
        var response = await signedIn.Client.PostAsync("/accounts/passkeys/options/", null);
        var options = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("blog.example", options.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
        Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());

        // The site's own origin (http://localhost here) is no longer allowed once origins are listed.
        using var localhost = new SoftwareAuthenticator(rpId: "blog.example", origin: "http://localhost");
        var refused = await signedIn.Client.PostJsonAsync("/accounts/passkeys/", new { credential = localhost.Create(options) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var listed = new SoftwareAuthenticator(rpId: "blog.example", origin: "https://blog.example");
        var again = await (await signedIn.Client.PostAsync("/accounts/passkeys/options/", null)).JsonAsync(HttpStatusCode.OK);
        var added = await signedIn.Client.PostJsonAsync("/accounts/passkeys/", new { credential = listed.Create(again) });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join(" ", aggregate.InnerExceptions.Select(Flatten)) : error.Message + " " + (error.InnerException is { } inner ? Flatten(inner) : "");
}
