namespace JwtBlog.Web.Features.Shared;

// Marks an endpoint as part of the JSON API. Such endpoints answer errors in JSON, send an anonymous caller a 401
// instead of a login redirect, and require the CSRF header on unsafe requests authenticated by the cookie.
public sealed class ApiEndpointMetadata
{
    public static readonly ApiEndpointMetadata Instance = new();

    private ApiEndpointMetadata()
    {
    }
}
