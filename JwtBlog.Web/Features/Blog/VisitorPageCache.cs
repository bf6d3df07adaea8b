using System.Globalization;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using JwtBlog.Web.Features.Shared.Time;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace JwtBlog.Web.Features.Blog;

// The home page as a visitor sees it, kept whole for a minute. Only a request that carries nothing of a person is
// served from it or stored in it: no Authorization header, no query, and no cookie but the language, the time zone
// and the antiforgery cookie (none of which puts a person's data on the page). The page varies by language, time zone,
// the current minute (relative times) and the feed's version as read before rendering: a write changes the version,
// so the next request renders anew, and a render that began before the write is stored under the old version, which
// nobody asks for again.
public sealed class VisitorPageCache : IOutputCachePolicy
{
    public const string PolicyName = "visitor-page";

    private static readonly TimeSpan _lifetime = TimeSpan.FromMinutes(1);

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var visitor = IsVisitor(http.Request);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = visitor;
        context.AllowCacheStorage = visitor;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = _lifetime;
        if (visitor)
        {
            var services = http.RequestServices;
            context.CacheVaryByRules.VaryByValues["language"] = SiteLanguages.Current;
            context.CacheVaryByRules.VaryByValues["zone-minute"] = services.GetRequiredService<ReaderTime>().CacheKey;
            context.CacheVaryByRules.VaryByValues["feed"] = services.GetRequiredService<FeedCache>().Version.ToString(CultureInfo.InvariantCulture);
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    // Only a plain page that sets no cookie is kept.
    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsVisitor(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.QueryString.HasValue
        && !request.Headers.ContainsKey(HeaderNames.Authorization)
        && request.Cookies.Keys.All(name => name is SiteLanguages.CookieName or ReaderTime.CookieName or Csrf.CookieName);
}
