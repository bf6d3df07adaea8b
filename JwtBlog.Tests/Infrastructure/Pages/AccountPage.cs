using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /account: the user's email, the profile form and the password form (both posted by script to /accounts/...), and
// the sessions table with a form per other session and one to end them all.
public sealed class AccountPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public const string Path = "/account";

    public string Email => Get("#account-email").TextContent;

    public IHtmlFormElement ProfileForm => Html.Form(Document, "#profile-form");

    public IHtmlFormElement PasswordForm => Html.Form(Document, "#password-form");

    public IReadOnlyList<IElement> SessionRows => [.. Document.QuerySelectorAll("#sessions tbody tr")];

    public IElement CurrentSessionRow => Assert.Single(SessionRows, r => r.GetAttribute("data-current") == "true");

    public IHtmlFormElement? EndOthersForm => Find("#end-others-form") as IHtmlFormElement;

    public string? SessionsStatus => Find("#sessions-status")?.TextContent;

    public static IHtmlFormElement? EndForm(IElement row) => row.QuerySelector("form.end-session-form") as IHtmlFormElement;

    public Task<HttpResponseMessage> EndSessionAsync(IElement row) => Client.SubmitAsync(EndForm(row)!);

    public Task<HttpResponseMessage> EndOthersAsync() => Client.SubmitAsync(EndOthersForm!);

    public IHtmlFormElement EmailForm => Html.Form(Document, "#email-form");

    public string? VerifyNotice => Find("#verify-notice")?.TextContent;

    // The Passkeys section: one item per passkey (its credential id in data-passkey-id, its name in the rename field).
    public IReadOnlyList<(string Id, string Name)> Passkeys =>
        [.. Document.QuerySelectorAll("#passkey-list li.passkey")
            .Select(item => (item.GetAttribute("data-passkey-id")!, ((IHtmlInputElement)item.QuerySelector("input[name=name]")!).Value))];

    public static async Task<AccountPage> OpenAsync(HttpClient client) => new(client, await Html.GetDocumentAsync(client, Path));
}
