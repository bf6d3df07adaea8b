namespace JwtBlog.Web.Features.Shared;

public sealed class CorsSettings
{
    public const string SectionName = "Cors";

    // Exact origins (scheme://host[:port]) allowed to call the API with credentials. None by default.
    public string[] AllowedOrigins { get; set; } = [];
}
