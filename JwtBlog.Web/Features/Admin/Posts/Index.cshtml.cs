using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Blog;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Admin.Posts;

// Newest first is descending Id: Posts.Id is AUTOINCREMENT, so it follows creation order, and the keyset
// "Id < cursor ORDER BY Id DESC" walks the table's own b-tree with no extra index.
public sealed class IndexModel(AppDbContext db, PostSearch search, ILookupNormalizer normalizer) : PageModel
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

    // With a search, one page is merged from two sources that each stop after a page of ids in Id order: the posts
    // whose title and content match ALL terms (the FTS5 index, PostSearch) and the posts whose author's email contains
    // ALL terms (LIKE on Users). Each term may no longer match the text OR the email on its own ("lorem alice" no
    // longer finds Alice's lorem post): one subquery per term made SQLite gather every match of a common word before
    // it could stop at a page, seconds at 1M posts.
    private async Task<List<PostRow>> FetchAsync(int? cursor, bool backwards, CancellationToken ct)
    {
        var take = Keyset.PageSize + 1;
        var terms = Keyset.SearchTerms(Q);
        var ids = terms.Length == 0
            ? await Page(db.Posts, cursor, backwards).Take(take).ToListAsync(ct)
            : (await TextMatchesAsync(terms, cursor, backwards, take, ct))
                .Union(await EmailMatchesAsync(terms, cursor, backwards, take, ct))
                .ToList();
        ids = (backwards ? ids.Order() : ids.OrderDescending()).Take(take).ToList();

        var rows = await db.Posts.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new PostRow(p.Id, p.Title, p.Author == null ? null : p.Author.Email, p.CreatedAt, p.UpdatedAt))
            .ToListAsync(ct);
        return (backwards ? rows.OrderBy(r => r.Id) : rows.OrderByDescending(r => r.Id)).ToList();
    }

    // A term the index cannot search for (punctuation only, say "@") can only be in an email.
    private async Task<List<int>> TextMatchesAsync(string[] terms, int? cursor, bool backwards, int take, CancellationToken ct) =>
        terms.All(term => term.Any(char.IsLetterOrDigit)) && search.ToQuery(terms) is { } match
            ? await search.MatchingIdsAsync(match, cursor, backwards, take, ct) ?? []
            : [];

    // Users is small next to Posts, and its EmailIndex holds (NormalizedEmail, Id): searching the normalized email
    // with a normalized term reads that index, half the pages of the table. SQLite then reads the matching authors'
    // post ids from IX_Posts_AuthorId (an entry holds the Id) and keeps the newest page: even a term every author's
    // email contains is a sort of ids, not of rows.
    private Task<List<int>> EmailMatchesAsync(string[] terms, int? cursor, bool backwards, int take, CancellationToken ct)
    {
        var authors = db.Users.AsQueryable();
        foreach (var term in terms)
        {
            var pattern = Keyset.Contains(normalizer.NormalizeEmail(term));
            authors = authors.Where(u => EF.Functions.Like(u.NormalizedEmail!, pattern, "\\"));
        }

        var authorIds = authors.Select(u => (int?)u.Id);
        return Page(db.Posts.Where(p => authorIds.Contains(p.AuthorId)), cursor, backwards).Take(take).ToListAsync(ct);
    }

    // The ids beyond a keyset cursor, in the order they are read: newest first, or oldest first going backwards.
    private static IQueryable<int> Page(IQueryable<Post> posts, int? cursor, bool backwards)
    {
        if (cursor is { } id)
        {
            posts = backwards ? posts.Where(p => p.Id > id) : posts.Where(p => p.Id < id);
        }

        return (backwards ? posts.OrderBy(p => p.Id) : posts.OrderByDescending(p => p.Id)).Select(p => p.Id);
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
