using System.Text;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace JwtBlog.Web.Features.Blog.Markdown;

// Posts' Markdown (CommonMark, plus bare http(s) URLs made into links) as safe HTML. Raw HTML in the source is shown
// as text; a link or image whose target is not http, https, mailto or a relative path loses its target (the text or
// alt text stays). HtmlSanitizer then keeps only what this Markdown can produce: a second guard, should the first
// ever miss. Built once, shared: Markdig pipelines and a configured HtmlSanitizer are safe to use from many threads.
public sealed class MarkdownRenderer
{
    public const string LinkRel = "nofollow ugc noopener";

    private static readonly HashSet<string> _allowedSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();
    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToHtml(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, _pipeline);
        DisarmLinks(document);
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return _sanitizer.Sanitize(writer.ToString());
    }

    // The words of a Markdown text without its syntax, on one line: for excerpts.
    public string ToPlainText(string markdown)
    {
        var text = Markdig.Markdown.ToPlainText(markdown, _pipeline);
        var line = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
        }

        return line.ToString();
    }

    // True for http, https and mailto URLs and for relative ones. Browsers ignore tabs and newlines inside a URL and
    // spaces and control characters before it, so those are removed before the scheme is read.
    public static bool IsAllowedUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var compact = new string([.. url.Where(c => c > ' ' && c != '\u007f')]);
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }

        // A colon after the first '/', '?' or '#' belongs to a relative path, query or fragment, not a scheme.
        var pathStart = compact.IndexOfAny(['/', '?', '#']);
        return (pathStart >= 0 && pathStart < colon) || _allowedSchemes.Contains(compact[..colon]);
    }

    // Links and autolinks to other schemes become their text; images become their alt text (an image's children).
    private static void DisarmLinks(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().Where(l => !IsAllowedUrl(l.Url)).ToList())
        {
            Unwrap(link);
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().Where(l => !IsAllowedUrl(l.Url)).ToList())
        {
            autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }
    }

    private static void Unwrap(ContainerInline container)
    {
        Inline anchor = container;
        foreach (var child in container.ToList())
        {
            child.Remove();
            anchor.InsertAfter(child);
            anchor = child;
        }

        container.Remove();
    }

    // Exactly the elements and attributes CommonMark's HTML uses; no style, no event handlers, no data: URLs.
    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "blockquote",
                "ul", "ol", "li", "a", "img",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "src", "alt", "start", "class", "rel" },
            AllowedSchemes = new HashSet<string>(_allowedSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
            {
                return;
            }

            // Only a fenced code block's language class, which Markdig writes on <code>.
            if (element.GetAttribute("class") is { } classes
                && !(element.LocalName == "code" && classes.StartsWith("language-", StringComparison.Ordinal) && !classes.Contains(' ', StringComparison.Ordinal)))
            {
                element.RemoveAttribute("class");
            }

            if (element.LocalName == "a")
            {
                element.SetAttribute("rel", LinkRel);
            }
            else
            {
                element.RemoveAttribute("rel");
            }
        };
        return sanitizer;
    }
}
