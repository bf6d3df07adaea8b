using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /login: the form its script posts to /accounts/login/.
public sealed class LoginPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public IHtmlFormElement Form => Html.Form(Document, "#login-form");

    public string? ReturnUrl => Form.GetAttribute("data-return-url");

    public static async Task<LoginPage> OpenAsync(HttpClient client, string? returnUrl = null) =>
        new(client, await Html.GetDocumentAsync(client, returnUrl is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnUrl)}"));
}
