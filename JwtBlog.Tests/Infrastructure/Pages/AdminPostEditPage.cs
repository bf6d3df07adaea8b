using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /admin/posts/new and /admin/posts/{id}: the post form and the status line.
public sealed class AdminPostEditPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public const string FormSelector = "#post-form";
    public const string NewPath = "/admin/posts/new";

    public IHtmlFormElement Form => Html.Form(Document, FormSelector);

    public static string PathFor(int postId) => $"/admin/posts/{postId}";

    public static async Task<AdminPostEditPage> OpenNewAsync(HttpClient client) => new(client, await Html.GetDocumentAsync(client, NewPath));

    public static async Task<AdminPostEditPage> OpenAsync(HttpClient client, int postId) =>
        new(client, await Html.GetDocumentAsync(client, PathFor(postId)));

    // Saves the form with these fields changed; the answer is a redirect, or the page again with errors.
    public Task<HttpResponseMessage> SaveAsync(IDictionary<string, string>? values = null) => Client.SubmitAsync(Form, values);

    public static async Task<HttpResponseMessage> AddAsync(HttpClient client, IDictionary<string, string> values) =>
        await (await OpenNewAsync(client)).SaveAsync(values);

    public static async Task<HttpResponseMessage> SaveAsync(HttpClient client, int postId, IDictionary<string, string> values) =>
        await (await OpenAsync(client, postId)).SaveAsync(values);
}
