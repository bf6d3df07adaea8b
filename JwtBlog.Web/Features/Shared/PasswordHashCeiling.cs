using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Shared;

// The limiter shared by every login and registration (RateLimiting:PasswordHashesPerMinute), one per app. It stays in
// this process even with Redis: it guards this process's CPU against password hashes, and N instances have N times the
// CPU, so each may spend its own budget (a shared count would let one busy instance starve the others' logins).
public sealed class PasswordHashCeiling(IOptions<RateLimitSettings> settings) : IDisposable
{
    public RateLimiter Limiter { get; } = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
    {
        PermitLimit = settings.Value.PasswordHashesPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    });

    public void Dispose() => Limiter.Dispose();
}
