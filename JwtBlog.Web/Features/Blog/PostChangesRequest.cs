using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Blog;

// PUT /blog/{id}/ needs both fields, PATCH either; a null field is left as it is.
public sealed record PostChangesRequest(
    [property: MinLength(1), MaxLength(PostRules.TitleMaxLength)] string? Title,
    [property: MinLength(1), MaxLength(PostRules.ContentMaxLength)] string? Content) : IJsonRequest<PostChangesRequest>
{
    public static ValueTask<PostChangesRequest> ReadAsync(JsonBody body, HttpContext context)
    {
        var partial = HttpMethods.IsPatch(context.Request.Method);
        var title = partial && !body.Has("title") ? null : PostRules.ReadTitle(body);
        var content = partial && !body.Has("content") ? null : PostRules.ReadContent(body);
        return ValueTask.FromResult(new PostChangesRequest(title, content));
    }
}
