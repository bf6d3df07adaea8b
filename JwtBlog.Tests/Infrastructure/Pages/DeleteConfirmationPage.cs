using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// A page that asks before deleting (/posts/{id}/delete, /admin/posts/{id}/delete, /admin/users/{id}/delete).
public sealed class DeleteConfirmationPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public const string FormSelector = "#delete-form";

    public bool CanDelete => Find(FormSelector) is not null;

    public IHtmlFormElement Form => Html.Form(Document, FormSelector);

    public Task<HttpResponseMessage> ConfirmAsync() => Client.SubmitAsync(Form);

    public static async Task<DeleteConfirmationPage> OpenAsync(HttpClient client, string url) =>
        new(client, await Html.GetDocumentAsync(client, url));
}
