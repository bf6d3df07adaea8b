using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace JwtBlog.Web.Features.Blog;

// A search result's marked text as HTML: every piece of text encoded, and only then <mark> put around the matches,
// so nothing from a post is ever read as markup.
public static class SearchHighlight
{
    // Korean and other letters stay readable in the page source; <, >, &, quotes and the like are still encoded.
    private static readonly HtmlEncoder _encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string ToHtml(string marked)
    {
        var html = new StringBuilder(marked.Length + 32);
        var balanced = PostSearch.Balance(marked);
        var start = 0;
        for (var i = 0; i <= balanced.Length; i++)
        {
            if (i < balanced.Length && balanced[i] is not (PostSearch.MatchStart or PostSearch.MatchEnd))
            {
                continue;
            }

            html.Append(_encoder.Encode(balanced[start..i]));
            if (i < balanced.Length)
            {
                html.Append(balanced[i] == PostSearch.MatchStart ? "<mark>" : "</mark>");
            }

            start = i + 1;
        }

        return html.ToString();
    }
}
