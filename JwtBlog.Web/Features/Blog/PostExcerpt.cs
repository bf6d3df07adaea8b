using JwtBlog.Web.Features.Blog.Markdown;

namespace JwtBlog.Web.Features.Blog;

// The start of a post for the lists (home, author pages): its words without the Markdown syntax.
public static class PostExcerpt
{
    public const int Length = 200;

    // From the first Length + 1 characters the list query read. SQLite's substr counts code points; so does this, so a
    // surrogate pair is never cut in half.
    public static string From(MarkdownRenderer markdown, string content)
    {
        var cut = content.EnumerateRunes().Count() > Length;
        var runes = markdown.ToPlainText(content).EnumerateRunes().ToArray();
        return runes.Length <= Length && !cut
            ? string.Concat(runes.Select(r => r.ToString()))
            : string.Concat(runes.Take(Length).Select(r => r.ToString())) + "…";
    }
}
