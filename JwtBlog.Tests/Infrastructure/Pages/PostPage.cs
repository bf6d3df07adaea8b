using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /posts/{id}: one post, and for its author and staff the links to edit and delete it.
public sealed class PostPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public string Title => Get("#post-title").TextContent;

    public AngleSharp.Dom.IElement Content => Get("#post-content");

    public AngleSharp.Dom.IElement Meta => Get("#post-meta");

    public string? EditLink => Find("#edit-post")?.GetAttribute("href");

    public string? DeleteLink => Find("#delete-post")?.GetAttribute("href");

    public static string PathFor(int postId) => $"/posts/{postId}";

    public static async Task<PostPage> OpenAsync(HttpClient client, int postId) =>
        new(client, await Html.GetDocumentAsync(client, PathFor(postId)));
}
