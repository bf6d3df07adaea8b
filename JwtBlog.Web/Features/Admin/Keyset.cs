namespace JwtBlog.Web.Features.Admin;

public static class Keyset
{
    public const int PageSize = 50;
    public const int MaxSearchTerms = 10;
    public const int MaxSearchLength = 200;

    // Terms of a Django-style admin search: every term must match one of the searched fields. Text past the search
    // box's maxlength is ignored, as terms past MaxSearchTerms are.
    public static string[] SearchTerms(string? q) =>
        Truncate(q ?? "", MaxSearchLength).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxSearchTerms).ToArray();

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

    // Cut at a length in UTF-16 units, as the browser's maxlength counts them, never between the halves of a pair.
    private static string Truncate(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    // A LIKE pattern matching the term anywhere; '\' escapes the term's own wildcards.
    public static string Contains(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
