using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Blog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Admin.Posts;

// Newest first is descending Id: Posts.Id is AUTOINCREMENT, so it follows creation order, and the keyset
// "Id < cursor ORDER BY Id DESC" walks the table's own b-tree with no extra index.
public sealed class IndexModel(AppDbContext db, PostSearch search) : PageModel
{
    private const string Sort = "-id";

    [FromQuery] public string? Q { get; set; }

    public IReadOnlyList<PostRow> Rows { get; private set; } = [];

    public PagerLinks Pager { get; private set; } = new(null, null);

    public async Task OnGetAsync(string? after, string? before, CancellationToken ct)
    {
        var (rows, hasPrevious, hasNext) = await Keyset.PageAsync(
            PageCursor.Decode(after, Sort), PageCursor.Decode(before, Sort), (cursor, backwards) => FetchAsync(cursor?.Id, backwards, ct));
        Rows = rows;
        Pager = new PagerLinks(
            hasPrevious && rows.Count > 0 ? Link("before", rows[0].Id) : null,
            hasNext && rows.Count > 0 ? Link("after", rows[^1].Id) : null);
    }

    private Task<List<PostRow>> FetchAsync(int? cursor, bool backwards, CancellationToken ct)
    {
        var posts = db.Posts.AsNoTracking();
        foreach (var term in Keyset.SearchTerms(Q))
        {
            // Title and content through the search index (words starting with the term); the author's email still
            // by LIKE. Both are one subquery ("Id IN (...)", "AuthorId IN (...)"), not a join per post.
            var pattern = Keyset.Contains(term);
            var authors = db.Users.Where(u => EF.Functions.Like(u.Email!, pattern, "\\")).Select(u => (int?)u.Id);
            if (PostSearch.ToMatchQuery([term]) is { } match)
            {
                var matching = search.MatchingIds(match);
                posts = posts.Where(p => matching.Contains(p.Id) || authors.Contains(p.AuthorId));
            }
            else
            {
                posts = posts.Where(p => authors.Contains(p.AuthorId));
            }
        }

        if (cursor is { } id)
        {
            posts = backwards ? posts.Where(p => p.Id > id) : posts.Where(p => p.Id < id);
        }

        posts = backwards ? posts.OrderBy(p => p.Id) : posts.OrderByDescending(p => p.Id);
        return posts.Take(Keyset.PageSize + 1)
            .Select(p => new PostRow(p.Id, p.Title, p.Author == null ? null : p.Author.Email, p.CreatedAt, p.UpdatedAt))
            .ToListAsync(ct);
    }

    private string Link(string direction, int id)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Q,
            [direction] = new PageCursor(Sort, "", id).Encode(),
        };
        return "/admin/posts" + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    public sealed record PostRow(int Id, string Title, string? AuthorEmail, DateTime CreatedAt, DateTime UpdatedAt);
}
