using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /account: the user's email, the profile form and the password form (both posted by script to /accounts/...).
public sealed class AccountPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public const string Path = "/account";

    public string Email => Get("#account-email").TextContent;

    public IHtmlFormElement ProfileForm => Html.Form(Document, "#profile-form");

    public IHtmlFormElement PasswordForm => Html.Form(Document, "#password-form");

    // The Passkeys section: one item per passkey (its credential id in data-passkey-id, its name in the rename field).
    public IReadOnlyList<(string Id, string Name)> Passkeys =>
        [.. Document.QuerySelectorAll("#passkey-list li.passkey")
            .Select(item => (item.GetAttribute("data-passkey-id")!, ((IHtmlInputElement)item.QuerySelector("input[name=name]")!).Value))];

    public static async Task<AccountPage> OpenAsync(HttpClient client) => new(client, await Html.GetDocumentAsync(client, Path));
}
