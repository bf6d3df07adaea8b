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

    // Caps: a stolen access token lives at most a day, a session at most 90 days.
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(60);
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(1);
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

    // Off: cookies are Secure on HTTPS requests only.
    public bool AlwaysSecureCookies { get; set; }
}
