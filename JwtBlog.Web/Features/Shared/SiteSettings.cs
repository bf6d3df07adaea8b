namespace JwtBlog.Web.Features.Shared;

public sealed class SiteSettings
{
    public const string SectionName = "App";

    // The name in email subjects and page titles.
    public string SiteName { get; set; } = "JwtBlog";

    // The scheme, host and optional path prefix that links in emails start with (https://blog.example.com). Empty: the
    // request's own scheme and host, which Production accepts only when AllowedHosts names the hosts.
    public string PublicBaseUrl { get; set; } = "";
}
