using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /account: the user's email, the profile form and the password form (both posted by script to /accounts/...).
public sealed class AccountPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public const string Path = "/account";

    public string Email => Get("#account-email").TextContent;

    public IHtmlFormElement ProfileForm => Html.Form(Document, "#profile-form");

    public IHtmlFormElement PasswordForm => Html.Form(Document, "#password-form");

    public IHtmlFormElement EmailForm => Html.Form(Document, "#email-form");

    public string? VerifyNotice => Find("#verify-notice")?.TextContent;

    public static async Task<AccountPage> OpenAsync(HttpClient client) => new(client, await Html.GetDocumentAsync(client, Path));
}
