using System.Globalization;

namespace JwtBlog.Web.Features.Shared;

// The Retry-After header in whole seconds, rounded up so a client that waits exactly that long is let in.
public static class RetryAfter
{
    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
