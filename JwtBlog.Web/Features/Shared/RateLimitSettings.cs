namespace JwtBlog.Web.Features.Shared;

public sealed class RateLimitSettings
{
    public const string SectionName = "RateLimiting";

    // Logins and registrations per client per minute; the per-account lockout is the other half of the defence.
    public int AuthRequestsPerMinutePerIp { get; set; } = 30;

    // IPv6 clients are counted per network of this prefix length, since one subscriber usually holds a whole /64.
    public int IPv6PrefixLength { get; set; } = 64;

    // Logins and registrations per minute from all clients together: each costs a password hash, and a client spread
    // over many addresses passes every per-client limit. Until clients carry a device cookie, this counts them all.
    public int PasswordHashesPerMinute { get; set; } = 600;

    // token/refresh/ calls per session per minute: a page refreshes once per access-token lifetime, a loop far more.
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int RefreshesPerMinutePerSession { get; set; } = 30;

    // Requests that send email (password reset, verification, change of address) per client per hour: no mail bombing.
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int EmailRequestsPerHourPerIp { get; set; } = 20;

    // With Redis (Redis:Configuration), where the shared counters live; instances of one site share it, two sites on
    // one Redis each need their own.
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.DataAnnotations.MinLength(1)]
    public string RedisKeyPrefix { get; set; } = "jwtblog:rl:";

    // How long a request waits for Redis to count it before it is counted in this process instead.
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
