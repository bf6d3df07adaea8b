namespace JwtBlog.Web.Features.Shared;

public static class ApiEndpointExtensions
{
    public static TBuilder AsApi<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiEndpointMetadata.Instance);

    public static bool IsApiEndpoint(this HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ApiEndpointMetadata>() is not null;
}
