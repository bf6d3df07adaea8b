using Microsoft.Extensions.Caching.Memory;

namespace JwtBlog.Web.Features.Blog.Markdown;

// Rendered posts by id, so a list of 20 posts is not 20 renders per request. An entry counts only while the content
// it was made from is the content asked about (one ordinal comparison), so an edit can never show stale HTML, even
// within one tick of the clock. Bounded by characters held; the least used entries leave first.
public sealed class PostHtmlCache(MarkdownRenderer renderer) : IDisposable
{
    private const long MaxCharacters = 32 * 1024 * 1024;

    private readonly MemoryCache _rendered = new(new MemoryCacheOptions { SizeLimit = MaxCharacters });

    public string ToHtml(int postId, string content)
    {
        if (_rendered.TryGetValue(postId, out RenderedPost? cached) && string.Equals(cached!.Content, content, StringComparison.Ordinal))
        {
            return cached.Html;
        }

        var html = renderer.ToHtml(content);
        _rendered.Set(postId, new RenderedPost(content, html), new MemoryCacheEntryOptions { Size = content.Length + html.Length });
        return html;
    }

    public void Dispose() => _rendered.Dispose();

    private sealed record RenderedPost(string Content, string Html);
}
