using System.Globalization;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Blog;

// The newest-first list behind GET /blog/ and the home page. Keyset pagination on the primary key: ids only grow,
// so "Id DESC" is creation order, and the rowid b-tree serves both the order and the cursor. No COUNT, no OFFSET:
// a page costs the same at any depth and at any table size.
public static class PostFeed
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    // Reads ?limit= (1-100, default 20) and ?cursor=, null when absent; errors come back in DRF's field shape.
    // A repeated parameter arrives comma-joined (StringValues' string form), which neither parses as a number nor
    // decodes as a cursor, so it is refused as a malformed one.
    public static (FeedRequest? Request, FieldErrors? Errors) Parse(string? limitText, string? cursorText, IStringLocalizer<ApiText> messages)
    {
        var errors = new FieldErrors();
        var limit = DefaultLimit;
        if (limitText is not null)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
            {
                errors.Add("limit", messages["Feed.NotAnInteger"]);
            }
            else if (limit < 1)
            {
                errors.Add("limit", messages["Feed.LimitTooSmall", 1]);
            }
            else if (limit > MaxLimit)
            {
                errors.Add("limit", messages["Feed.LimitTooLarge", MaxLimit]);
            }
        }

        int? beforeId = null;
        if (cursorText is not null)
        {
            if (PostCursor.TryDecode(cursorText, out var id))
            {
                beforeId = id;
            }
            else
            {
                errors.Add("cursor", messages["Feed.InvalidCursor"]);
            }
        }

        return errors.Any ? (null, errors) : (new FeedRequest(limit, beforeId), null);
    }

    // The first page comes from the FeedCache while no write has happened since it was read; deeper pages are read.
    // A database context is created only when the database is asked (creating one is a fifth of a cached read).
    public static async Task<FeedPage> ReadAsync(
        IDbContextFactory<AppDbContext> databases, FeedCache cache, FeedRequest request, int? excerptLength, CancellationToken ct)
    {
        if (request.BeforeId is null && cache.TryGetFirstPage(request.Limit, excerptLength, out var cached))
        {
            return cached;
        }

        var version = cache.Version;
        await using var db = await databases.CreateDbContextAsync(ct);
        var page = await QueryAsync(db, request, excerptLength, ct);
        if (request.BeforeId is null)
        {
            cache.StoreFirstPage(request.Limit, excerptLength, version, page);
        }

        return page;
    }

    // One author's posts, the same pages; never cached (the index on AuthorId serves the order and the cursor).
    public static Task<FeedPage> ReadByAuthorAsync(AppDbContext db, int authorId, FeedRequest request, int? excerptLength, CancellationToken ct) =>
        QueryAsync(db, request, excerptLength, ct, db.Posts.Where(p => p.AuthorId == authorId));

    // One row more than asked tells whether there is a next page.
    private static async Task<FeedPage> QueryAsync(
        AppDbContext db, FeedRequest request, int? excerptLength, CancellationToken ct, IQueryable<Post>? source = null)
    {
        var posts = (source ?? db.Posts).AsNoTracking();
        if (request.BeforeId is { } beforeId)
        {
            posts = posts.Where(p => p.Id < beforeId);
        }

        var rows = await posts.NewestFirst(db, excerptLength).Take(request.Limit + 1).ToListAsync(ct);
        if (rows.Count <= request.Limit)
        {
            return new FeedPage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return new FeedPage(rows, PostCursor.Encode(rows[^1].Id));
    }
}
