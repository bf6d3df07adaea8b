using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /: the post list, newest first, with links to older posts and back to the newest.
public sealed class HomePage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public IReadOnlyList<IElement> Items => [.. Document.QuerySelectorAll("#post-list > li")];

    public List<int> PostIds => [.. Items.Select(li => int.Parse(li.GetAttribute("data-post-id")!, CultureInfo.InvariantCulture))];

    public string? OlderLink => Find("#older-posts")?.GetAttribute("href");

    public string? NewestLink => Find("#newest-posts")?.GetAttribute("href");

    public IElement Item(int postId) => Get($"#post-list > li[data-post-id='{postId.ToString(CultureInfo.InvariantCulture)}']");

    public static async Task<HomePage> OpenAsync(HttpClient client, string url = "/") => new(client, await Html.GetDocumentAsync(client, url));
}
