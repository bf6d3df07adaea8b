using System.Globalization;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Blog.Markdown;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Blog;

// An author's posts, newest first, paged like the home page, under their display name. An unknown id is a 404, and
// so is a deactivated account without posts (PublicAuthors): there is nothing public to show.
public sealed class AuthorModel(AppDbContext db, MarkdownRenderer markdown, IStringLocalizer<ApiText> messages) : PageModel
{
    public int AuthorId { get; private set; }

    public string DisplayName { get; private set; } = "";

    public IReadOnlyList<PostView> Posts { get; private set; } = [];

    public bool IsFirstPage { get; private set; }

    public string? NextUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var (feed, _) = PostFeed.Parse(Request.Query["limit"], Request.Query["cursor"], messages);
        if (feed is null)
        {
            return BadRequest();
        }

        if (await PublicAuthors.FindDisplayNameAsync(db, id, ct) is not { } displayName)
        {
            return NotFound();
        }

        var page = await PostFeed.ReadByAuthorAsync(db, id, feed, PostExcerpt.Length + 1, ct);
        (AuthorId, DisplayName, Posts, IsFirstPage) = (id, displayName, page.Posts, feed.BeforeId is null);
        if (page.NextCursor is not null)
        {
            var limit = feed.Limit == PostFeed.DefaultLimit ? "" : $"limit={feed.Limit.ToString(CultureInfo.InvariantCulture)}&";
            NextUrl = $"/authors/{id.ToString(CultureInfo.InvariantCulture)}?{limit}cursor={Uri.EscapeDataString(page.NextCursor)}";
        }

        return Page();
    }

    public string Excerpt(string content) => PostExcerpt.From(markdown, content);
}
