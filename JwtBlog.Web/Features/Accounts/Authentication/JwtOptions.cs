using System.ComponentModel.DataAnnotations;

namespace JwtBlog.Web.Features.Accounts.Authentication;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";
    public const int MinimumKeyBytes = 32;

    // Empty outside Production: a random key is generated on first start and kept in the data folder.
    public string SigningKey { get; set; } = "";
    [Required] public string Issuer { get; set; } = "JwtBlog";
    [Required] public string Audience { get; set; } = "JwtBlog";

    // Caps: a stolen access token lives at most a day, one refresh token at most 90 days.
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(60);

    // The longest one refresh token lives; each rotation issues one that lives until the session's idle limit from
    // now, this lifetime from now, or the session's end, whichever comes first.
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    // A session not kept ("Keep me signed in" unticked) ends after this long without use. At least five minutes:
    // last_seen_at is written up to about a minute and a half late (SessionActivity).
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan IdleSessionTimeout { get; set; } = TimeSpan.FromDays(1);

    // Every session ends this long after sign-in, however much it is used; a kept session ends no sooner even unused.
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan RememberedSessionLifetime { get; set; } = TimeSpan.FromDays(30);
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    // The Range below; consumed refresh rows older than this are purged whatever the setting.
    public static readonly TimeSpan LongestReuseGraceWindow = TimeSpan.FromMinutes(1);

    // A consumed refresh token presented again within this window (parallel tabs) by the same client gets the same successor.
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RefreshReuseGraceWindow { get; set; } = TimeSpan.FromSeconds(10);

    // How long one instance trusts its last look at a session; it forgets at once when it revokes one itself.
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SessionCheckCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    // Off: the refresh token lives only in its HttpOnly cookie and JSON bodies carry "".
    public bool ReturnRefreshTokenInBody { get; set; }

    // How long a session may go unused before it ends: kept sessions are limited by their absolute end alone.
    public TimeSpan IdleLimit(bool remembered) => remembered ? RememberedSessionLifetime : IdleSessionTimeout;

    // Off: cookies are Secure on HTTPS requests only.
    public bool AlwaysSecureCookies { get; set; }
}
