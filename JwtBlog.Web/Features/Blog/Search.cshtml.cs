using System.Globalization;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Blog;

// /search?q=: public, newest matches first, keyset paged by the last id shown (the same cursor as the post list).
// A query the page cannot search is a 400 with the reason on the page, never a 500.
public sealed class SearchModel(PostSearch search, IStringLocalizer<BlogText> text) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "q")] public string? Query { get; set; }

    [FromQuery(Name = "cursor")] public string? Cursor { get; set; }

    public IReadOnlyList<PostSearchHit> Hits { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool Searched { get; private set; }

    public bool IsFirstPage => Cursor is null;

    public string? NextUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = Query?.Trim() ?? "";
        if (query.Length == 0)
        {
            return Page();
        }

        int? beforeId = null;
        if (Cursor is not null)
        {
            if (!PostCursor.TryDecode(Cursor, out var id))
            {
                return Refuse(text["Search.BadCursor"]);
            }

            beforeId = id;
        }

        if (FieldMessages.Length(query) > PostSearch.MaxQueryLength)
        {
            return Refuse(text["Search.TooLong", PostSearch.MaxQueryLength]);
        }

        if (search.ToQuery(PostSearch.Terms(query)) is not { } match)
        {
            return Refuse(text["Search.NothingToSearch"]);
        }

        if (await search.FindAsync(match, beforeId, PageSize, ct) is not { } hits)
        {
            return Refuse(text["Search.Failed"]);
        }

        Searched = true;
        if (hits.Count > PageSize)
        {
            hits.RemoveAt(hits.Count - 1);
            NextUrl = "/search" + QueryString.Create(new Dictionary<string, string?>
            {
                ["q"] = query,
                ["cursor"] = PostCursor.Encode(hits[^1].Id),
            });
        }

        Hits = hits;
        return Page();
    }

    public static string Date(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
