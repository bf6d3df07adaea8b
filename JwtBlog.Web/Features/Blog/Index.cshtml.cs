using System.Globalization;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Blog.Markdown;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Blog;

// The home page: the API's newest-first list and cursors, with an excerpt of each post. A visitor's first page is
// served whole from the output cache (VisitorPageCache).
[OutputCache(PolicyName = VisitorPageCache.PolicyName)]
public sealed class IndexModel(IDbContextFactory<AppDbContext> databases, FeedCache cache, MarkdownRenderer markdown, IStringLocalizer<ApiText> messages) : PageModel
{
    // Old versions' lists are never asked for again; they leave the cache after this.
    public static readonly TimeSpan ListCacheLifetime = TimeSpan.FromMinutes(1);

    public IReadOnlyList<PostView> Posts { get; private set; } = [];

    public bool IsFirstPage { get; private set; }

    public string? NextUrl { get; private set; }

    // The first page's rendered list is cached (the <cache> tag helper) under the feed's version as read before the
    // posts were: a write changes the version, so no request that starts after a write sees an older list.
    public string? ListCacheKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (feed, _) = PostFeed.Parse(Request.Query["limit"], Request.Query["cursor"], messages);
        if (feed is null)
        {
            return BadRequest();
        }

        var version = cache.Version;

        // One character more than the excerpt shows, to know whether to add an ellipsis.
        var page = await PostFeed.ReadAsync(databases, cache, feed, PostExcerpt.Length + 1, ct);
        Posts = page.Posts;
        IsFirstPage = feed.BeforeId is null;
        ListCacheKey = IsFirstPage ? string.Create(CultureInfo.InvariantCulture, $"{version}/{feed.Limit}") : null;
        if (page.NextCursor is not null)
        {
            var limit = feed.Limit == PostFeed.DefaultLimit ? "" : $"limit={feed.Limit.ToString(CultureInfo.InvariantCulture)}&";
            NextUrl = $"/?{limit}cursor={Uri.EscapeDataString(page.NextCursor)}";
        }

        return Page();
    }

    public string Excerpt(string content) => PostExcerpt.From(markdown, content);
}
