using System.Net;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;

namespace JwtBlog.Tests.Pages;

// /account lists where the user is signed in; each other session has a form to end it, and one form ends them all.
public sealed class AccountSessionsPageTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private async Task<SignedInClient> SignInTwiceAsync()
    {
        var caller = await app.SignInAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SignInAsync(caller.User);
        return caller;
    }

    [Fact]
    public async Task TheSessionsAreListedWithThisDeviceMarkedAndAnEndFormForEachOther()
    {
        var caller = await SignInTwiceAsync();
        var page = await AccountPage.OpenAsync(caller.Client);

        Assert.Equal(2, page.SessionRows.Count);
        Assert.Contains("(this device)", page.CurrentSessionRow.TextContent, StringComparison.Ordinal);
        Assert.Null(AccountPage.EndForm(page.CurrentSessionRow));
        var other = Assert.Single(page.SessionRows, r => r.GetAttribute("data-current") == "false");
        Assert.Equal("Unknown browser", other.QuerySelector(".session-device")!.TextContent);
        var form = AccountPage.EndForm(other)!;
        Assert.Equal("post", form.Method);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal(other.GetAttribute("data-session-id"), ((IHtmlInputElement)form.Elements["id"]!).Value);
        Assert.NotNull(page.EndOthersForm);
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src]):not([type='application/json'])"));
    }

    [Fact]
    public async Task EndingASessionRedirectsBackWithAStatusAndItsTokensAreRefused()
    {
        var caller = await app.SignInAsync();
        var other = await app.SignInAsync(caller.User);
        var page = await AccountPage.OpenAsync(caller.Client);

        var response = await page.EndSessionAsync(Assert.Single(page.SessionRows, r => r.GetAttribute("data-current") == "false"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.Client.GetAsync("/accounts/test/")).StatusCode);
        var after = await AccountPage.OpenAsync(caller.Client);
        Assert.Equal("The session was ended.", after.SessionsStatus);
        Assert.Single(after.SessionRows);
        Assert.Null(after.EndOthersForm);
    }

    [Fact]
    public async Task EndOthersKeepsThisDevice()
    {
        var caller = await app.SignInAsync();
        var others = new[] { await app.SignInAsync(caller.User), await app.SignInAsync(caller.User) };
        var page = await AccountPage.OpenAsync(caller.Client);

        var response = await page.EndOthersAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (var other in others)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await other.Client.GetAsync("/accounts/test/")).StatusCode);
        }

        var after = await AccountPage.OpenAsync(caller.Client);
        Assert.Equal("2 other sessions were ended.", after.SessionsStatus);
        Assert.Single(after.SessionRows);
    }

    [Fact]
    public async Task TheFormsNeedTheirAntiforgeryTokenAndCannotEndAnotherUsersSession()
    {
        var caller = await app.SignInAsync();
        var other = await app.SignInAsync(caller.User);
        var stranger = await app.SignInAsync();
        var strangersId = await stranger.Client.CurrentSessionIdAsync();
        var page = await AccountPage.OpenAsync(caller.Client);
        var token = ((IHtmlInputElement)page.EndOthersForm!.Elements["__RequestVerificationToken"]!).Value;
        caller.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        var forged = await caller.Client.PostAsync("/account?handler=EndOthers", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync("/accounts/test/")).StatusCode);

        var foreign = await caller.Client.PostAsync("/account?handler=EndSession", new FormUrlEncodedContent(
            [new("id", strangersId), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Equal("That session had already ended.", (await AccountPage.OpenAsync(caller.Client)).SessionsStatus);
    }

    [Fact]
    public async Task TheLoginFormOffersKeepMeSignedIn()
    {
        var page = await LoginPage.OpenAsync(app.CreateClient());
        var remember = Assert.IsAssignableFrom<IHtmlInputElement>(page.Form.Elements["remember"]);
        Assert.Equal("checkbox", remember.Type);
        Assert.False(remember.IsChecked);
        Assert.Contains("Keep me signed in", remember.ParentElement!.TextContent, StringComparison.Ordinal);
    }
}
