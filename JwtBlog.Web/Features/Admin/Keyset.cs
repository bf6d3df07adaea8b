using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace JwtBlog.Web.Features.Admin;

// A position in a sorted list: the sort key and id of the row at a page's edge. Pages are read with
// "WHERE (key, id) beyond the cursor ORDER BY key, id LIMIT n+1" on an index, so page 2,000 costs what page 1 costs.
// Encoded so that links carry it opaquely; a cursor of another sort order (or garbage) is ignored.
public sealed record PageCursor(string Sort, string Key, int Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', Sort, Id.ToString(CultureInfo.InvariantCulture), Key)));

    public static PageCursor? Decode(string? value, string sort)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 2000)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value)).Split('\n', 3);
            return parts.Length == 3 && parts[0] == sort && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new PageCursor(parts[0], parts[2], id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public static class Keyset
{
    public const int PageSize = 50;
    public const int MaxSearchTerms = 10;

    // Terms of a Django-style admin search: every term must match one of the searched fields.
    public static string[] SearchTerms(string? q) =>
        (q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxSearchTerms).ToArray();

    // One page of a keyset-paged list, read forwards from "after" or backwards from "before" (fetch reads up to
    // PageSize + 1 rows beyond the cursor, in the list's order or against it). Going back past the start shows the
    // first page whole. Returns the rows in list order and whether there are rows before and after them.
    public static async Task<(List<T> Rows, bool HasPrevious, bool HasNext)> PageAsync<T, TCursor>(
        TCursor? after, TCursor? before, Func<TCursor?, bool, Task<List<T>>> fetch)
        where TCursor : class
    {
        var backwards = after is null && before is not null;
        var rows = await fetch(after ?? before, backwards);
        var more = rows.Count > PageSize;
        if (backwards && !more)
        {
            (backwards, rows) = (false, await fetch(null, false));
            more = rows.Count > PageSize;
        }

        rows = rows.Take(PageSize).ToList();
        if (backwards)
        {
            rows.Reverse();
        }

        return (rows, backwards ? more : after is not null, backwards || more);
    }

    // A LIKE pattern matching the term anywhere; '\' escapes the term's own wildcards.
    public static string Contains(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}

// The previous/next links of a page; null where there is no such page.
public sealed record PagerLinks(string? Previous, string? Next);
