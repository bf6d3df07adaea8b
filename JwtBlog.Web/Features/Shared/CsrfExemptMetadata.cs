namespace JwtBlog.Web.Features.Shared;

// Marks an API endpoint that needs no CSRF header even when a cookie authenticates the caller (see Csrf).
public sealed class CsrfExemptMetadata
{
    public static readonly CsrfExemptMetadata Instance = new();

    private CsrfExemptMetadata()
    {
    }
}
