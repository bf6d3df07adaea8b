using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Blog;

// POST /blog/preview/: the content a post would have, checked by the same rules.
public sealed record PreviewRequest(
    [property: Required, MinLength(1), MaxLength(PostRules.ContentMaxLength)] string Content) : IJsonRequest<PreviewRequest>
{
    public static ValueTask<PreviewRequest> ReadAsync(JsonBody body, HttpContext context) =>
        ValueTask.FromResult(new PreviewRequest(PostRules.ReadContent(body) ?? ""));
}
