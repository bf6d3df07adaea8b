using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /password/forgot: the form its script posts to /accounts/password/reset/.
public sealed class ForgotPasswordPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public IHtmlFormElement Form => Html.Form(Document, "#forgot-form");

    public static async Task<ForgotPasswordPage> OpenAsync(HttpClient client) => new(client, await Html.GetDocumentAsync(client, "/password/forgot"));
}
