using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /password/reset/{uid}/{token}: the emailed link's form; its script posts to /accounts/password/reset/confirm/.
public sealed class ResetPasswordPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public IHtmlFormElement Form => Html.Form(Document, "#reset-form");

    public string? Uid => (Form.QuerySelector("input[name=uid]") as IHtmlInputElement)?.Value;

    public string? Token => (Form.QuerySelector("input[name=token]") as IHtmlInputElement)?.Value;

    public static async Task<ResetPasswordPage> OpenAsync(HttpClient client, string path) => new(client, await Html.GetDocumentAsync(client, path));
}
