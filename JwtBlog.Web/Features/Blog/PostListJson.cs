using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace JwtBlog.Web.Features.Blog;

// GET /blog/'s 200 from bytes serialized earlier (the FeedCache keeps the first page's), with the content type
// TypedResults.Ok gives; described to the API docs as a PostListResponse.
public sealed class PostListJson(ReadOnlyMemory<byte> json) : IResult, IEndpointMetadataProvider
{
    public ReadOnlyMemory<byte> Json { get; } = json;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PostListResponse), ["application/json"]));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = Json.Length;
        return httpContext.Response.BodyWriter.WriteAsync(Json, httpContext.RequestAborted).AsTask();
    }
}
