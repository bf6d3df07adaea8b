using System.Threading.RateLimiting;
using JwtBlog.Web.Features.Shared.Localization;
using JwtBlog.Web.Features.Shared.ScaleOut;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JwtBlog.Web.Features.Shared;

public static class RateLimits
{
    public const string AuthPolicy = "auth-per-ip";
    public const string EmailPolicy = "email-per-ip";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(RateLimitSettings.SectionName).Get<RateLimitSettings>() ?? new();
        Validate(settings);
        builder.Services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PasswordHashCeiling>();
        builder.Services.AddSingleton(services => new SharedRateCounter(
            services.GetService<IConnectionMultiplexer>(), services.GetRequiredService<IOptions<RateLimitSettings>>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<SharedRateCounter>>()));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    RetryAfter.Set(http.Response, retryAfter);
                }

                // A page gets the 429 error page (status code pages), which shows the wait.
                if (http.IsApiEndpoint())
                {
                    await http.Response.WriteAsJsonAsync(new DetailResponse(
                        http.RequestServices.GetRequiredService<IStringLocalizer<ApiText>>()[ErrorMessages.TooManyRequests]), ct);
                }
            };
            // Each client's count is shared through Redis when configured (SharedRateCounter); the ceiling is not.
            options.AddPolicy(AuthPolicy, http =>
            {
                var client = ClientAddress.PartitionKey(http.Connection.RemoteIpAddress, settings.IPv6PrefixLength);
                var counter = http.RequestServices.GetRequiredService<SharedRateCounter>();
                return http.RequestServices.GetService<IKnownClients>()?.IsKnown(http) == true
                    ? RateLimitPartition.Get("known " + client, _ => ClientLimiter(settings, counter, "auth:known:" + client))
                    : RateLimitPartition.Get(client, _ => new ClientThenSharedLimiter(
                        ClientLimiter(settings, counter, "auth:" + client), http.RequestServices.GetRequiredService<PasswordHashCeiling>().Limiter));
            });
            options.AddPolicy(EmailPolicy, http =>
            {
                var client = ClientAddress.PartitionKey(http.Connection.RemoteIpAddress, settings.IPv6PrefixLength);
                var counter = http.RequestServices.GetRequiredService<SharedRateCounter>();
                return RateLimitPartition.Get(client, _ => counter.Limiter(
                    "email:" + client, settings.EmailRequestsPerHourPerIp, TimeSpan.FromHours(1), FixedWindow(settings.EmailRequestsPerHourPerIp, TimeSpan.FromHours(1))));
            });
        });
        return builder;
    }

    private static RateLimiter ClientLimiter(RateLimitSettings settings, SharedRateCounter counter, string key) => counter.Limiter(
        key, settings.AuthRequestsPerMinutePerIp, TimeSpan.FromMinutes(1), FixedWindow(settings.AuthRequestsPerMinutePerIp, TimeSpan.FromMinutes(1)));

    private static FixedWindowRateLimiter FixedWindow(int permitLimit, TimeSpan window) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permitLimit,
        Window = window,
        QueueLimit = 0,
    });

    private static void Validate(RateLimitSettings settings)
    {
        if (settings.AuthRequestsPerMinutePerIp < 1 || settings.PasswordHashesPerMinute < 1)
        {
            throw new InvalidOperationException(
                "RateLimiting:AuthRequestsPerMinutePerIp and RateLimiting:PasswordHashesPerMinute must be at least 1.");
        }

        if (settings.IPv6PrefixLength is < 32 or > 128)
        {
            throw new InvalidOperationException(
                $"RateLimiting:IPv6PrefixLength is {settings.IPv6PrefixLength}; use a prefix length from 32 to 128 (64 is one subscriber's network).");
        }
    }
}
