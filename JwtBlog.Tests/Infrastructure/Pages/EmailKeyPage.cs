using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /verify-email/{key} and /email/change/cancel/{key}: one button whose script posts the key to the API.
public sealed class EmailKeyPage(HttpClient client, IHtmlDocument document, string formSelector) : HtmlPage(client, document)
{
    public IHtmlFormElement Form => Html.Form(Document, formSelector);

    public string? Key => (Form.QuerySelector("input[name=key]") as IHtmlInputElement)?.Value;

    public static async Task<EmailKeyPage> OpenVerifyAsync(HttpClient client, string path) =>
        new(client, await Html.GetDocumentAsync(client, path), "#verify-form");

    public static async Task<EmailKeyPage> OpenCancelAsync(HttpClient client, string path) =>
        new(client, await Html.GetDocumentAsync(client, path), "#cancel-form");
}
