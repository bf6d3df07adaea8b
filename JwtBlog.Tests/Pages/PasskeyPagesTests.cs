using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;

namespace JwtBlog.Tests.Pages;

public sealed class PasskeyPagesTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task TheAccountPageListsOnlyTheUsersOwnPasskeysWithItsScriptAndNoInlineScript()
    {
        var signedIn = await app.SignInAsync();
        var empty = await AccountPage.OpenAsync(signedIn.Client);
        Assert.Empty(empty.Passkeys);
        Assert.NotNull(empty.Find("#passkeys-empty"));
        Assert.NotNull(empty.Find("#passkey-add-form[hidden] button#passkey-add"));
        Assert.NotNull(empty.Find("script[type=module][src='/js/passkeys.js']"));
        Assert.Empty(empty.Document.QuerySelectorAll("script:not([src]):not([type='application/json'])"));

        using var authenticator = new SoftwareAuthenticator();
        var options = await (await signedIn.Client.PostAsync("/accounts/passkeys/options/", null)).JsonAsync(HttpStatusCode.OK);
        await (await signedIn.Client.PostJsonAsync("/accounts/passkeys/", new { credential = authenticator.Create(options), name = "Phone <b>" }))
            .JsonAsync(HttpStatusCode.Created);

        var listed = await AccountPage.OpenAsync(signedIn.Client);
        Assert.Equal([(authenticator.Id, "Phone <b>")], listed.Passkeys);
        Assert.Null(listed.Find("#passkeys-empty"));
        Assert.Empty((await AccountPage.OpenAsync((await app.SignInAsync()).Client)).Passkeys);
    }

    [Fact]
    public async Task TheLoginPageOffersAPasskeySignInThatScriptReveals()
    {
        var page = await LoginPage.OpenAsync(app.CreateClient(), "/write");
        Assert.NotNull(page.Find("#passkey-login[hidden] button#passkey-login-button[type=button]"));
        Assert.Equal("/write", page.Get("#passkey-login").GetAttribute("data-return-url"));
        Assert.Equal("assertive", page.Get("#passkey-login-error").GetAttribute("aria-live"));
    }
}
