using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Threading.RateLimiting;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Blog.Markdown;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Blog;

// The original's /blog/ (a DRF function view) grown into a small posts API: reading is public, writing needs a
// signed-in user, and only the author or staff change a post.
public static class BlogEndpoints
{
    private const string Created = "글 작성 완료!";

    public static RouteGroupBuilder MapBlogEndpoints(this IEndpointRouteBuilder app)
    {
        // The write guards run before AsApi's body filter: not found, forbidden and the write limits come first.
        var group = app.MapGroup("/blog").WithTags("Blog").AddEndpointFilterFactory(GuardWrites).AsApi();

        group.MapGet("/", ListAsync).WithSummary("List posts, newest first");
        group.MapGet("/{id:int}/", GetAsync).WithSummary("Read a post").ProducesDetail(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithSummary("Create a post").RequireAuthorization()
            .ProducesDetail(StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);
        group.MapMethods("/{id:int}/", [HttpMethods.Put, HttpMethods.Patch], UpdateAsync).WithSummary("Change a post").RequireAuthorization()
            .ProducesDetail(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
        group.MapPost("/preview/", PreviewAsync).WithSummary("Render Markdown as a post's content would be rendered").RequireAuthorization()
            .ProducesDetail(StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);
        group.MapDelete("/{id:int}/", DeleteAsync).WithSummary("Delete a post").RequireAuthorization()
            .ProducesDetail(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return group;
    }

    // The first page's answer is the same for every caller: its bytes are kept in the FeedCache until the next write.
    private static async Task<Results<PostListJson, BadRequest<FieldErrors>>> ListAsync(
        [FromQuery, Description("Posts per page, an integer from 1 to 100 (20 when absent).")] string? limit,
        [FromQuery, Description("Where the page starts: the cursor of the previous page's next link.")] string? cursor,
        HttpRequest request, IDbContextFactory<AppDbContext> databases, FeedCache cache, PostHtmlCache html,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IStringLocalizer<ApiText> messages, CancellationToken ct)
    {
        // Taken as text and parsed by PostFeed, so a malformed value gets DRF's field error, not the binder's 400.
        var (feed, errors) = PostFeed.Parse(limit, cursor, messages);
        if (feed is null)
        {
            return errors!.ToResult();
        }

        var answerKey = feed.BeforeId is null ? $"blog/{feed.Limit}{request.PathBase}" : null;
        if (answerKey is not null && cache.TryGetAnswer(answerKey, out var cached))
        {
            return new PostListJson(cached);
        }

        var version = cache.Version;
        var page = await PostFeed.ReadAsync(databases, cache, feed, excerptLength: null, ct);
        var next = page.NextCursor is null
            ? null
            : $"{request.PathBase}/blog/?limit={feed.Limit}&cursor={Uri.EscapeDataString(page.NextCursor)}";
        var answer = JsonSerializer.SerializeToUtf8Bytes(
            new PostListResponse([.. page.Posts.Select(post => PostResponse.From(post, html))], next), json.Value.SerializerOptions);
        if (answerKey is not null)
        {
            cache.StoreAnswer(answerKey, version, answer);
        }

        return new PostListJson(answer);
    }

    private static async Task<Results<Ok<PostResponse>, JsonHttpResult<DetailResponse>>> GetAsync(
        int id, AppDbContext db, PostHtmlCache html, IStringLocalizer<ApiText> messages, CancellationToken ct) =>
        await db.FindViewAsync(id, ct) is { } post ? TypedResults.Ok(PostResponse.From(post, html)) : NotFound(messages);

    [PostWrite(PostWrite.Create)]
    private static async Task<Results<Created<PostCreatedResponse>, JsonHttpResult<DetailResponse>>> CreateAsync(
        JsonRequest<NewPostRequest> request, HttpContext http, CurrentUser current, WriteBatcher writes, PostHtmlCache html, TimeProvider time)
    {
        // ActiveWriter has refused anyone else.
        var user = (await current.GetAsync())!;
        var now = time.GetUtcNow().UtcDateTime;
        var (title, content) = request.Value;

        // Inserted with the other new posts waiting for the database; answered only once that commit is done, from
        // what was written (no second read).
        var post = await writes.AddAsync(() => new Post { Title = title, Content = content, AuthorId = user.Id, CreatedAt = now, UpdatedAt = now });

        var view = new PostView(post.Id, post.Title, post.Content, user.Id, user.Email, post.CreatedAt, post.UpdatedAt);
        return TypedResults.Created($"{http.Request.PathBase}/blog/{post.Id}/", new PostCreatedResponse(Created, PostResponse.From(view, html)));
    }

    [PostWrite(PostWrite.Edit)]
    private static async Task<Results<Ok<PostResponse>, JsonHttpResult<DetailResponse>>> UpdateAsync(
        int id, JsonRequest<PostChangesRequest> request, AppDbContext db, PostHtmlCache html, TimeProvider time, IStringLocalizer<ApiText> messages, CancellationToken ct)
    {
        // Already loaded (and tracked) by ChangeablePost: no second query, and never null.
        var post = (await db.Posts.FindAsync([id], ct))!;

        var (title, content) = request.Value;
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
                return NotFound(messages);
            }
        }

        return await db.FindViewAsync(id, ct) is { } view ? TypedResults.Ok(PostResponse.From(view, html)) : NotFound(messages);
    }

    // Rendered fresh each time: a draft has no id to cache it under.
    [PostWrite(PostWrite.Preview)]
    private static Ok<PreviewResponse> PreviewAsync(JsonRequest<PreviewRequest> request, MarkdownRenderer renderer) =>
        TypedResults.Ok(new PreviewResponse(renderer.ToHtml(request.Value.Content)));

    [PostWrite(PostWrite.Delete)]
    private static async Task<NoContent> DeleteAsync(int id, AppDbContext db, CancellationToken ct)
    {
        // A concurrent delete of the same post finds nothing left to delete, which is fine.
        await db.Posts.Where(p => p.Id == id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    private static EndpointFilterDelegate GuardWrites(EndpointFilterFactoryContext context, EndpointFilterDelegate next) =>
        context.MethodInfo.GetCustomAttribute<PostWriteAttribute>()?.Write switch
        {
            PostWrite.Create => invocation => ActiveWriter(invocation, active => LimitWrites(PostWrite.Create, active, next)),
            PostWrite.Edit => invocation => ChangeablePost(invocation, changeable => LimitWrites(PostWrite.Edit, changeable, next)),
            PostWrite.Delete => invocation => ChangeablePost(invocation, next),
            PostWrite.Preview => invocation => ActiveWriter(invocation, active => LimitWrites(PostWrite.Preview, active, next)),
            _ => next,
        };

    // A live session of an account deactivated within the session check's cache window may not write.
    private static async ValueTask<object?> ActiveWriter(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await context.HttpContext.RequestServices.GetRequiredService<CurrentUser>().GetAsync() is null
            ? Forbidden(Messages(context.HttpContext))
            : await next(context);

    // Not found comes before forbidden, and both before anything about the body.
    private static async ValueTask<object?> ChangeablePost(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var id = context.GetArgument<int>(0);
        var post = await http.RequestServices.GetRequiredService<AppDbContext>().Posts.FindAsync([id], http.RequestAborted);
        if (post is null)
        {
            return NotFound(Messages(http));
        }

        var current = http.RequestServices.GetRequiredService<CurrentUser>();
        return PostAccess.CanChange(await current.GetAsync(), post.AuthorId, current.SignedInWithSecondFactor)
            ? await next(context)
            : Forbidden(Messages(http));
    }

    // Per-user limits on writes (staff exempt); they hold across parallel requests because the limiter is shared.
    private static async ValueTask<object?> LimitWrites(PostWrite write, EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await http.RequestServices.GetRequiredService<CurrentUser>().GetAsync() is not { IsStaff: false } user)
        {
            return await next(context);
        }

        using var lease = await http.RequestServices.GetRequiredService<PostWriteLimiter>().AcquireAsync(write, user.Id, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            if (lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
            {
                RetryAfter.Set(http.Response, wait);
            }

            return ApiResults.Detail(
                Messages(http)[write switch
                {
                    PostWrite.Create => "Post.TooManyNew",
                    PostWrite.Preview => "Post.TooManyPreviews",
                    _ => "Post.TooManyEdits",
                }],
                StatusCodes.Status429TooManyRequests);
        }

        return await next(context);
    }

    private static JsonHttpResult<DetailResponse> NotFound(IStringLocalizer<ApiText> messages) =>
        ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);

    private static JsonHttpResult<DetailResponse> Forbidden(IStringLocalizer<ApiText> messages) =>
        ApiResults.Detail(messages["Detail.PermissionDenied"], StatusCodes.Status403Forbidden);

    private static IStringLocalizer<ApiText> Messages(HttpContext http) => http.RequestServices.GetRequiredService<IStringLocalizer<ApiText>>();
}
