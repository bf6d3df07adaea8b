namespace JwtBlog.Web.Features.Accounts.Passkeys;

public sealed class PasskeySettings
{
    public const string SectionName = "Passkeys";

    // The relying-party id: the site's registrable domain (blog.example.com). Empty: the host of App:PublicBaseUrl,
    // else (outside Production) the request's own host, which is what localhost development needs.
    public string ServerDomain { get; set; } = "";

    // The exact origins (https://blog.example.com) whose pages may create and use passkeys. Empty: the site's own
    // origin (App:PublicBaseUrl's, else the request's).
    public IReadOnlyList<string> AllowedOrigins { get; set; } = [];
}
