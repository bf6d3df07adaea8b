using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace JwtBlog.Web.Features.Shared;

// X-Forwarded-For/-Proto are believed only from the proxies (ForwardedHeaders:KnownProxies) and networks
// (ForwardedHeaders:KnownNetworks) listed, so a client cannot pick its own address for the rate limiter. ASP.NET Core
// trusts loopback by default and everyone once both lists are empty: the lists are cleared and filled from
// configuration alone, and with nothing listed the headers are not read at all. Loopback counts only when listed.
public static class ForwardedHeadersSetup
{
    public const string SectionName = "ForwardedHeaders";

    public static WebApplicationBuilder AddForwardedHeaders(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SectionName);
        var proxies = (section.GetSection("KnownProxies").Get<string[]>() ?? []).Select(ParseProxy).ToList();
        var networks = (section.GetSection("KnownNetworks").Get<string[]>() ?? []).Select(ParseNetwork).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            if (proxies.Count == 0 && networks.Count == 0)
            {
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return builder;
    }

    private static IPAddress ParseProxy(string value) => IPAddress.TryParse(value, out var address)
        ? address
        : throw new InvalidOperationException(
            $"{SectionName}:KnownProxies has \"{value}\"; each entry must be an IP address such as 10.0.0.5 or ::1.");

    private static System.Net.IPNetwork ParseNetwork(string value) => System.Net.IPNetwork.TryParse(value, out var network)
        ? network
        : throw new InvalidOperationException(
            $"{SectionName}:KnownNetworks has \"{value}\"; each entry must be a network such as 10.0.0.0/8 or fd00::/8.");
}
