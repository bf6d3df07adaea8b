using System.Text;
using JwtBlog.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JwtBlog.Web.Features.Blog;

// Every SQL statement of the post search, over the FTS5 table PostsSearch (migration PostSearchIndex): a database
// with another engine gets its branch here. The index uses the unicode61 tokenizer and each term of a query is asked
// for as a quoted prefix ("term"*), so a word's start finds the word: "안녕" finds "안녕하세요", "run" finds "running".
// Why not trigram: it finds any fragment, but only of three characters or more, while Korean words are often two
// syllables ("서울", "안녕") and would need a full scan; and Korean adds its particles and endings after the stem,
// which prefixes match. What is not found: a fragment from inside a word ("하세요").
// On PostgreSQL the same search runs over the GIN index of to_tsvector('simple', title || ' ' || content) (migration
// PostgresPostSearchIndex): every term a quoted prefix ('term':*), all required, highlights by SearchExcerpt.
public sealed class PostSearch(AppDbContext db, DatabaseKind database)
{
    public const int MaxQueryLength = 200;
    public const int MaxTerms = 10;

    // Around a highlighted match in Title and Snippet: private-use characters that HTML encoding leaves apart,
    // replaced by <mark> and </mark> only after the text is encoded (SearchHighlight).
    public const char MatchStart = '\uE000';
    public const char MatchEnd = '\uE001';

    // The FTS5 query for what a person typed: every term quoted (no FTS5 syntax of theirs is ever read), a prefix,
    // all terms required. Null when nothing is left to search for (only spaces or punctuation).
    public static string? ToMatchQuery(IEnumerable<string> terms)
    {
        var quoted = terms
            .Where(term => term.Any(char.IsLetterOrDigit))
            .Take(MaxTerms)
            .Select(term => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*")
            .ToList();
        return quoted.Count == 0 ? null : string.Join(' ', quoted);
    }

    // The PostgreSQL tsquery for the same terms: each a quoted lexeme (quotes and backslashes escaped, so no tsquery
    // syntax of theirs is read) asked for as a prefix, all required.
    public static string? ToTsQuery(IEnumerable<string> terms)
    {
        var quoted = terms
            .Where(term => term.Any(char.IsLetterOrDigit))
            .Take(MaxTerms)
            .Select(term => "'" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "':*")
            .ToList();
        return quoted.Count == 0 ? null : string.Join(" & ", quoted);
    }

    // The query FindAsync and MatchingIdsAsync take, in this database's syntax.
    public string? ToQuery(IEnumerable<string> terms) => database.IsSqlite ? ToMatchQuery(terms) : ToTsQuery(terms);

    public static IEnumerable<string> Terms(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    // One page of matches, newest first, older than beforeId: the rowid order FTS5 walks natively, so a page costs
    // about the same at any depth. One row more than limit is read to know whether another page follows. Null when
    // the index refuses the query (it should not, as ToMatchQuery builds it; never a 500 if it does).
    public async Task<List<PostSearchHit>?> FindAsync(string matchQuery, int? beforeId, int limit, CancellationToken ct)
    {
        var before = beforeId ?? int.MaxValue;
        var take = limit + 1;
        if (!database.IsSqlite)
        {
            return await FindOnPostgresAsync(matchQuery, before, take, ct);
        }

        try
        {
            return await db.Database.SqlQuery<PostSearchHit>($"""
                SELECT p.Id, p.CreatedAt,
                       highlight(PostsSearch, 0, char(57344), char(57345)) AS Title,
                       snippet(PostsSearch, 1, char(57344), char(57345), '…', 32) AS Snippet
                FROM PostsSearch JOIN Posts AS p ON p.Id = PostsSearch.rowid
                WHERE PostsSearch MATCH {matchQuery} AND PostsSearch.rowid < {before}
                ORDER BY PostsSearch.rowid DESC
                LIMIT {take}
                """).ToListAsync(ct);
        }
        catch (SqliteException e) when (IsQueryError(e))
        {
            return null;
        }
    }

    // The ids of up to limit matching posts beyond a cursor: below it newest first, or with backwards above it oldest
    // first. The same rowid walk as FindAsync, so FTS5 stops after limit rows however common the terms are (the
    // admin list). Null when the index refuses the query.
    public async Task<List<int>?> MatchingIdsAsync(string matchQuery, int? cursor, bool backwards, int limit, CancellationToken ct)
    {
        if (!database.IsSqlite)
        {
            return await MatchingIdsOnPostgresAsync(matchQuery, cursor, backwards, limit, ct);
        }

        try
        {
            var query = backwards
                ? db.Database.SqlQuery<int>($"""
                    SELECT rowid AS Value FROM PostsSearch
                    WHERE PostsSearch MATCH {matchQuery} AND rowid > {cursor ?? 0}
                    ORDER BY rowid ASC LIMIT {limit}
                    """)
                : db.Database.SqlQuery<int>($"""
                    SELECT rowid AS Value FROM PostsSearch
                    WHERE PostsSearch MATCH {matchQuery} AND rowid < {cursor ?? int.MaxValue}
                    ORDER BY rowid DESC LIMIT {limit}
                    """);
            return await query.ToListAsync(ct);
        }
        catch (SqliteException e) when (IsQueryError(e))
        {
            return null;
        }
    }

    // ts_headline drops anything that looks like an HTML tag from the text, so the highlights are made here.
    private async Task<List<PostSearchHit>?> FindOnPostgresAsync(string tsQuery, int before, int take, CancellationToken ct)
    {
        List<PostSearchHit> hits;
        try
        {
            hits = await db.Database.SqlQuery<PostSearchHit>($"""
                SELECT "Id", "CreatedAt", "Title", "Content" AS "Snippet" FROM "Posts"
                WHERE to_tsvector('simple'::regconfig, "Title" || ' ' || "Content") @@ to_tsquery('simple', {tsQuery})
                  AND "Id" < {before}
                ORDER BY "Id" DESC
                LIMIT {take}
                """).ToListAsync(ct);
        }
        catch (PostgresException e) when (IsQueryError(e))
        {
            return null;
        }

        var prefixes = TsQueryPrefixes(tsQuery);
        return hits.Select(hit => new PostSearchHit
        {
            Id = hit.Id,
            CreatedAt = hit.CreatedAt,
            Title = SearchExcerpt.Highlight(hit.Title, prefixes, int.MaxValue),
            Snippet = SearchExcerpt.Highlight(hit.Snippet, prefixes, SnippetWords),
        }).ToList();
    }

    // About as long as FTS5's snippet of 32 tokens.
    private const int SnippetWords = 32;

    // The word starts a tsquery built by ToTsQuery asks for: each term's runs of letters and digits, lower case.
    private static List<string> TsQueryPrefixes(string tsQuery) => tsQuery
        .Split(" & ")
        .Select(quoted => quoted[1..^3].Replace("''", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal))
        .SelectMany(SearchExcerpt.Words)
        .Select(word => word.Text.ToLowerInvariant())
        .Distinct()
        .ToList();

    private async Task<List<int>?> MatchingIdsOnPostgresAsync(string tsQuery, int? cursor, bool backwards, int limit, CancellationToken ct)
    {
        try
        {
            var query = backwards
                ? db.Database.SqlQuery<int>($"""
                    SELECT "Id" AS "Value" FROM "Posts"
                    WHERE to_tsvector('simple'::regconfig, "Title" || ' ' || "Content") @@ to_tsquery('simple', {tsQuery})
                      AND "Id" > {cursor ?? 0}
                    ORDER BY "Id" ASC LIMIT {limit}
                    """)
                : db.Database.SqlQuery<int>($"""
                    SELECT "Id" AS "Value" FROM "Posts"
                    WHERE to_tsvector('simple'::regconfig, "Title" || ' ' || "Content") @@ to_tsquery('simple', {tsQuery})
                      AND "Id" < {cursor ?? int.MaxValue}
                    ORDER BY "Id" DESC LIMIT {limit}
                    """);
            return await query.ToListAsync(ct);
        }
        catch (PostgresException e) when (IsQueryError(e))
        {
            return null;
        }
    }

    // PostgreSQL refuses a tsquery it cannot read with a syntax error (ToTsQuery should never build one).
    public static bool IsQueryError(PostgresException e) => e.SqlState == PostgresErrorCodes.SyntaxError;

    // FTS5 reports a query it cannot read as a plain SQLITE_ERROR whose message starts with "fts5:".
    public static bool IsQueryError(SqliteException e) =>
        e.SqliteErrorCode == 1 && e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase);

    // Keeps a marked text's highlights only as balanced pairs, whatever the stored text itself contains.
    public static string Balance(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var open = false;
        foreach (var c in marked)
        {
            if (c == MatchStart)
            {
                if (!open)
                {
                    text.Append(c);
                }

                open = true;
            }
            else if (c == MatchEnd)
            {
                if (open)
                {
                    text.Append(c);
                }

                open = false;
            }
            else
            {
                text.Append(c);
            }
        }

        return open ? text.Append(MatchEnd).ToString() : text.ToString();
    }
}
