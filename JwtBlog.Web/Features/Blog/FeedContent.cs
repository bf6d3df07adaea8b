using System.Net;
using System.Text.RegularExpressions;

namespace JwtBlog.Web.Features.Blog;

// The one place a post's content becomes HTML for the feeds. For now the plain text, escaped, in paragraphs; the
// Markdown renderer replaces the body of Html when posts are Markdown.
public static partial class FeedContent
{
    public static string Html(PostView post) =>
        string.Concat(Paragraphs().Split(post.Content.Replace("\r\n", "\n", StringComparison.Ordinal).Trim())
            .Where(paragraph => paragraph.Length > 0)
            .Select(paragraph => $"<p>{WebUtility.HtmlEncode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"));

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex Paragraphs();
}
