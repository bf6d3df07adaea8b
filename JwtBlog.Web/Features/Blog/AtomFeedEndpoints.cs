using System.Globalization;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Blog.Markdown;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Blog;

// /feed.atom (the 20 newest posts) and /authors/{id}/feed.atom (one author's 20 newest). Absolute URLs come from
// PublicUrls, so a feed reader never follows an unchecked Host header.
public static class AtomFeedEndpoints
{
    public const int EntryCount = 20;

    public static IEndpointRouteBuilder MapAtomFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feed.atom", SiteFeedAsync).ExcludeFromDescription();
        app.MapGet("/authors/{id:int}/feed.atom", AuthorFeedAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SiteFeedAsync(
        HttpRequest request, IDbContextFactory<AppDbContext> databases, FeedCache cache, PublicUrls urls, PostHtmlCache html,
        IOptions<SiteSettings> site, IStringLocalizer<SiteText> text, TimeProvider time, CancellationToken ct)
    {
        var page = await PostFeed.ReadAsync(databases, cache, new FeedRequest(EntryCount, null), excerptLength: null, ct);
        var feed = new AtomFeed(
            urls.For(request, "/feed.atom"),
            $"{site.Value.SiteName} · {text["Feed.SiteTitle"]}",
            urls.For(request, "/feed.atom"),
            urls.For(request, "/"),
            site.Value.SiteName,
            SiteLanguages.Current,
            Updated(page.Posts, time));
        return Answer(feed, page.Posts, request, urls, html);
    }

    private static async Task<IResult> AuthorFeedAsync(
        int id, HttpRequest request, AppDbContext db, PublicUrls urls, PostHtmlCache html, IOptions<SiteSettings> site, TimeProvider time, CancellationToken ct)
    {
        if (await PublicAuthors.FindDisplayNameAsync(db, id, ct) is not { } displayName)
        {
            return TypedResults.NotFound();
        }

        var page = await PostFeed.ReadByAuthorAsync(db, id, new FeedRequest(EntryCount, null), excerptLength: null, ct);
        var author = $"/authors/{id.ToString(CultureInfo.InvariantCulture)}";
        var feed = new AtomFeed(
            urls.For(request, author + "/feed.atom"),
            $"{displayName} · {site.Value.SiteName}",
            urls.For(request, author + "/feed.atom"),
            urls.For(request, author),
            displayName,
            SiteLanguages.Current,
            Updated(page.Posts, time));
        return Answer(feed, page.Posts, request, urls, html);
    }

    // The newest change among the entries; an empty feed was last updated now.
    private static DateTime Updated(IReadOnlyList<PostView> posts, TimeProvider time) =>
        posts.Count == 0 ? time.GetUtcNow().UtcDateTime : posts.Max(p => p.UpdatedAt);

    // Entries carry the same sanitized HTML as the post pages (MarkdownRenderer, cached per post).
    private static IResult Answer(AtomFeed feed, IReadOnlyList<PostView> posts, HttpRequest request, PublicUrls urls, PostHtmlCache html) =>
        TypedResults.Bytes(
            feed.Write(posts, id => urls.For(request, $"/posts/{id.ToString(CultureInfo.InvariantCulture)}"), post => html.ToHtml(post.Id, post.Content)),
            AtomFeed.ContentType);
}
