namespace JwtBlog.Web.Features.Shared;

// The JSON API lives under these prefixes; everything else is pages and static files.
public static class ApiPaths
{
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/accounts", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/blog", StringComparison.OrdinalIgnoreCase);
}
