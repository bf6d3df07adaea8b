using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /register: the form its script posts to /accounts/join/.
public sealed class RegisterPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public IHtmlFormElement Form => Html.Form(Document, "#register-form");

    public string? ReturnUrl => Form.GetAttribute("data-return-url");

    public static async Task<RegisterPage> OpenAsync(HttpClient client, string? returnUrl = null) =>
        new(client, await Html.GetDocumentAsync(client, returnUrl is null ? "/register" : $"/register?returnUrl={Uri.EscapeDataString(returnUrl)}"));
}
