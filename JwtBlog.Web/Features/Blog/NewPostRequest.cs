using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Blog;

// POST /blog/. The author is always the caller: an "author" or "id" in the body is ignored, as are other fields.
public sealed record NewPostRequest(
    [property: Required, MinLength(1), MaxLength(PostRules.TitleMaxLength)] string Title,
    [property: Required, MinLength(1), MaxLength(PostRules.ContentMaxLength)] string Content) : IJsonRequest<NewPostRequest>
{
    public static ValueTask<NewPostRequest> ReadAsync(JsonBody body, HttpContext context) =>
        ValueTask.FromResult(new NewPostRequest(PostRules.ReadTitle(body) ?? "", PostRules.ReadContent(body) ?? ""));
}
