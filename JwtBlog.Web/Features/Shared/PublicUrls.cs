using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Shared;

// Absolute links for emails. A link built from an unchecked Host header would let anyone who can send a request
// point a password-reset link at their own site, so Production needs App:PublicBaseUrl or a host allow-list.
public sealed class PublicUrls(IOptions<SiteSettings> settings)
{
    private readonly string _baseUrl = settings.Value.PublicBaseUrl.TrimEnd('/');

    // pathAndQuery starts with "/"; its parts must already be escaped.
    public string For(HttpRequest request, string pathAndQuery) =>
        (_baseUrl.Length > 0 ? _baseUrl : $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase}") + pathAndQuery;

    internal static bool IsBaseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;

    internal static bool HostsAreListed(IConfiguration configuration) =>
        configuration["AllowedHosts"] is { Length: > 0 } hosts && hosts.Split(';').All(host => host.Trim() is { Length: > 0 } h && h != "*");
}
