using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;

namespace JwtBlog.Web.Features.Shared;

public sealed class RateLimitSettings
{
    public const string SectionName = "RateLimiting";

    // Logins and registrations per client IP per minute; the per-account lockout is the other half of the defence.
    public int AuthRequestsPerMinutePerIp { get; set; } = 30;
}

public static class RateLimits
{
    public const string AuthPolicy = "auth-per-ip";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(RateLimitSettings.SectionName).Get<RateLimitSettings>() ?? new();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    RetryAfter.Set(context.HttpContext.Response, retryAfter);
                }

                await context.HttpContext.Response.WriteAsJsonAsync(new DetailResponse("Too many requests. Try again later."), ct);
            };
            options.AddPolicy(AuthPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.AuthRequestsPerMinutePerIp,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        // X-Forwarded-For/-Proto are believed only from the proxies listed (loopback by default), so a client cannot
        // pick its own IP for the limiter, and cookies behind a TLS-terminating proxy on this host are still Secure.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return builder;
    }
}
