using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using JwtBlog.Web.Features.Blog.Markdown;

namespace JwtBlog.Tests.Blog;

// The renderer against hostile input: whatever the Markdown, the HTML has no script, no event handler and no URL
// other than http, https, mailto or a relative one; ordinary Markdown still renders.
public sealed partial class MarkdownRendererTests
{
    private static readonly MarkdownRenderer _renderer = new();

    public static TheoryData<string> HostileInputs => new()
    {
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;vascript:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](<java\tscript:alert(1)>)",
        "[click](   javascript:alert(1))",
        "[click](\u0001javascript:alert(1))",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "[click][evil]\n\n[evil]: javascript:alert(1)",
        "[evil]\n\n[evil]: vbscript:msgbox(1)",
        "[click](vbscript:msgbox(1))",
        "<a href=\"vbscript:msgbox(1)\">click</a>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "text <img src=x onerror=alert(1)> inline",
        "<svg onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<style>body{display:none}</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x](javascript:alert(1))",
        "![x](x \"onerror=alert(1)\")",
        "[x](https://example.com \"\\\" onmouseover=\\\"alert(1)\")",
        "[x](https://example.com\" onmouseover=\"alert(1))",
        "<data:text/html,<script>alert(1)</script>>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "```html\n<script>alert(1)</script>\n```",
        "`<img src=x onerror=alert(1)>`",
        "[x](file:///etc/passwd)",
        "<!-- <script>alert(1)</script> -->",
        "<details open ontoggle=alert(1)>",
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void HostileMarkdownRendersWithoutScriptHandlersOrUnsafeUrls(string markdown)
    {
        var html = _renderer.ToHtml(markdown);
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");

        Assert.Empty(document.QuerySelectorAll("script, style, iframe, svg, object, embed, form, input, details"));
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(element.Attributes, a => a.Name == "style");
            foreach (var url in new[] { element.GetAttribute("href"), element.GetAttribute("src") }.OfType<string>())
            {
                Assert.Matches(SafeUrl(), url);
            }
        }

        Assert.DoesNotMatch(UnsafeScheme(), string.Concat(document.Body.QuerySelectorAll("[href], [src]")
            .Select(e => e.GetAttribute("href") + " " + e.GetAttribute("src"))));
    }

    [Fact]
    public void OrdinaryMarkdownRenders()
    {
        const string markdown = """
            # Heading

            Some *emphasis*, **strong** and `code`, a [link](https://example.com/a?b=c "Title"), <https://example.org>,
            https://bare.example.com and [mail](mailto:someone@example.com).

            - one
            - two

            3. three
            4. four

            > quoted

            ```csharp
            var x = 1 < 2;
            ```

            ![alt text](https://example.com/i.png) [relative](/posts/1) [ref][r] &copy; &amp; &#169;

            [r]: https://example.com/ref
            """;

        var document = new HtmlParser().ParseDocument($"<body>{_renderer.ToHtml(markdown)}</body>");

        Assert.Equal("Heading", document.QuerySelector("h1")!.TextContent);
        Assert.Equal("emphasis", document.QuerySelector("em")!.TextContent);
        Assert.Equal("strong", document.QuerySelector("strong")!.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("ul > li").Length);
        Assert.Equal("3", document.QuerySelector("ol")!.GetAttribute("start"));
        Assert.Equal("quoted", document.QuerySelector("blockquote")!.TextContent.Trim());
        var code = document.QuerySelector("pre > code")!;
        Assert.Equal("var x = 1 < 2;\n", code.TextContent);
        Assert.Equal("language-csharp", code.GetAttribute("class"));
        Assert.Equal("https://example.com/i.png", document.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("alt text", document.QuerySelector("img")!.GetAttribute("alt"));

        var links = document.QuerySelectorAll("a").ToDictionary(a => a.TextContent, a => a);
        Assert.Equal("https://example.com/a?b=c", links["link"].GetAttribute("href"));
        Assert.Equal("Title", links["link"].GetAttribute("title"));
        Assert.Equal("https://example.org", links["https://example.org"].GetAttribute("href"));
        Assert.Equal("https://bare.example.com", links["https://bare.example.com"].GetAttribute("href"));
        Assert.Equal("mailto:someone@example.com", links["mail"].GetAttribute("href"));
        Assert.Equal("/posts/1", links["relative"].GetAttribute("href"));
        Assert.Equal("https://example.com/ref", links["ref"].GetAttribute("href"));
        Assert.All(links.Values, a => Assert.Equal(MarkdownRenderer.LinkRel, a.GetAttribute("rel")));
        Assert.Contains("© & ©", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RawHtmlIsShownAsTextAndADisarmedLinkKeepsItsText()
    {
        var document = new HtmlParser().ParseDocument(
            $"<body>{_renderer.ToHtml("<b>not bold</b> [click me](javascript:alert(1)) ![the alt](data:image/png;base64,AA==)")}</body>");

        Assert.Empty(document.QuerySelectorAll("b, a, img"));
        Assert.Equal("<b>not bold</b> click me the alt", document.Body!.TextContent.Trim());
    }

    [Fact]
    public void PlainTextDropsTheSyntax() =>
        Assert.Equal("Title Some emphasis and a link. one two", _renderer.ToPlainText("# Title\n\nSome *emphasis* and [a link](https://x.example).\n\n- one\n- two"));

    // http(s), mailto, or relative (no scheme before the first '/', '?' or '#').
    [GeneratedRegex("^(https?://|mailto:|/|\\?|#|[^:/?#]*([/?#]|$))", RegexOptions.IgnoreCase)]
    private static partial Regex SafeUrl();

    [GeneratedRegex("(javascript|vbscript|data|file):", RegexOptions.IgnoreCase)]
    private static partial Regex UnsafeScheme();
}
