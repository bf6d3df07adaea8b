using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /write and /posts/{id}/edit: one post form (its script sends it to the API), and on the edit page a link to delete.
public sealed class WriterPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public IHtmlFormElement Form => Html.Form(Document, "#post-form");

    public IHtmlInputElement Title => Assert.IsAssignableFrom<IHtmlInputElement>(Form.QuerySelector("#title"));

    public IHtmlTextAreaElement Content => Assert.IsAssignableFrom<IHtmlTextAreaElement>(Form.QuerySelector("#content"));

    public string? DeleteLink => Find("#delete-post")?.GetAttribute("href");

    public static async Task<WriterPage> OpenWriteAsync(HttpClient client) => new(client, await Html.GetDocumentAsync(client, "/write"));

    public static async Task<WriterPage> OpenEditAsync(HttpClient client, int postId) =>
        new(client, await Html.GetDocumentAsync(client, $"/posts/{postId}/edit"));
}
