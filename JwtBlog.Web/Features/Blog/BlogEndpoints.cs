using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Blog;

// The original's /blog/ (a DRF function view) grown into a small posts API: reading is public, writing needs a
// signed-in user, and only the author or staff change a post.
public static class BlogEndpoints
{
    private const string Created = "글 작성 완료!";

    public static RouteGroupBuilder MapBlogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/blog").WithTags("Blog").AsApi().RequireCsrfForCookieAuth();

        group.MapGet("/", ListAsync);
        group.MapGet("/{id:int}/", GetAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization();
        group.MapMethods("/{id:int}/", [HttpMethods.Put, HttpMethods.Patch], UpdateAsync).RequireAuthorization();
        group.MapDelete("/{id:int}/", DeleteAsync).RequireAuthorization();
        return group;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, AppDbContext db, CancellationToken ct)
    {
        var (feed, errors) = PostFeed.Parse(request.Query);
        if (feed is null)
        {
            return errors!.ToResult();
        }

        var page = await PostFeed.ReadAsync(db, feed, excerptLength: null, ct);
        var next = page.NextCursor is null
            ? null
            : $"{request.PathBase}/blog/?limit={feed.Limit}&cursor={Uri.EscapeDataString(page.NextCursor)}";
        return TypedResults.Ok(new PostListResponse([.. page.Posts.Select(PostResponse.From)], next));
    }

    private static async Task<IResult> GetAsync(int id, AppDbContext db, CancellationToken ct) =>
        await db.FindViewAsync(id, ct) is { } post ? TypedResults.Ok(PostResponse.From(post)) : NotFound();

    // The author is always the caller: an "author" or "id" in the body is ignored, as are other unknown fields.
    private static async Task<IResult> CreateAsync(HttpContext http, CurrentUser current, AppDbContext db, TimeProvider time)
    {
        var ct = http.RequestAborted;

        // A live session of an account deactivated within the session check's cache window.
        if (await current.GetAsync() is not { } user)
        {
            return Forbidden();
        }

        var (body, error) = await JsonBody.ReadAsync(http.Request, ct);
        if (body is null)
        {
            return error!;
        }

        var title = ReadTitle(body);
        var content = ReadContent(body);
        if (body.Errors.Any)
        {
            return body.Errors.ToResult();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var post = new Post { Title = title!, Content = content!, AuthorId = user.Id, CreatedAt = now, UpdatedAt = now };
        db.Posts.Add(post);
        await db.SaveChangesAsync(ct);

        var view = new PostView(post.Id, post.Title, post.Content, user.Id, user.Email, post.CreatedAt, post.UpdatedAt);
        return TypedResults.Created($"{http.Request.PathBase}/blog/{post.Id}/", new PostCreatedResponse(Created, PostResponse.From(view)));
    }

    // PUT needs both fields, PATCH either. Not found comes before forbidden, and both before the body is read.
    private static async Task<IResult> UpdateAsync(int id, HttpContext http, CurrentUser current, AppDbContext db, TimeProvider time)
    {
        var ct = http.RequestAborted;
        var post = await db.Posts.FindAsync([id], ct);
        if (post is null)
        {
            return NotFound();
        }

        if (!PostAccess.CanChange(await current.GetAsync(), post.AuthorId))
        {
            return Forbidden();
        }

        var (body, error) = await JsonBody.ReadAsync(http.Request, ct);
        if (body is null)
        {
            return error!;
        }

        var partial = HttpMethods.IsPatch(http.Request.Method);
        var title = partial && !body.Has("title") ? null : ReadTitle(body);
        var content = partial && !body.Has("content") ? null : ReadContent(body);
        if (body.Errors.Any)
        {
            return body.Errors.ToResult();
        }

        if (title is not null || content is not null)
        {
            post.Title = title ?? post.Title;
            post.Content = content ?? post.Content;
            post.UpdatedAt = time.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Deleted by another request since it was read.
                return NotFound();
            }
        }

        return await db.FindViewAsync(id, ct) is { } view ? TypedResults.Ok(PostResponse.From(view)) : NotFound();
    }

    private static async Task<IResult> DeleteAsync(int id, CurrentUser current, AppDbContext db, CancellationToken ct)
    {
        var post = await db.Posts.FindAsync([id], ct);
        if (post is null)
        {
            return NotFound();
        }

        if (!PostAccess.CanChange(await current.GetAsync(), post.AuthorId))
        {
            return Forbidden();
        }

        // A concurrent delete of the same post finds nothing left to delete, which is fine.
        await db.Posts.Where(p => p.Id == id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    // 1-100 characters after trimming, and a JSON string: the original stored 123 as "123" and ["a"] as "['a']".
    private static string? ReadTitle(JsonBody body) =>
        body.Text("title", maxLength: Post.TitleMaxLength, trim: true, allowNumbers: false);

    // Kept exactly as typed (leading spaces and newlines matter in a post), but whitespace alone is blank.
    private static string? ReadContent(JsonBody body)
    {
        var content = body.Text("content", maxLength: Post.ContentMaxLength, allowNumbers: false);
        if (content is not null && string.IsNullOrWhiteSpace(content))
        {
            body.Errors.Add("content", "This field may not be blank.");
            return null;
        }

        return content;
    }

    private static IResult NotFound() => ApiResults.Detail("Not found.", StatusCodes.Status404NotFound);

    private static IResult Forbidden() =>
        ApiResults.Detail("You do not have permission to perform this action.", StatusCodes.Status403Forbidden);
}
