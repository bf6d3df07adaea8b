using System.Security.Cryptography;
using System.Text;
using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// The mfa_token of a two-step sign-in: opaque to the client, kept hashed here, bound to its user, valid for Lifetime,
// used once, and void after MaxFailedAttempts wrong codes.
public sealed class MfaChallenges(AppDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public const int MaxFailedAttempts = 5;

    // Joins the caller's write transaction.
    public async Task<string> IssueAsync(AppUser user, bool remember, CancellationToken ct)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.MfaChallenges.Add(new MfaChallenge
        {
            TokenHash = Hash(token),
            UserId = user.Id,
            SecurityStamp = user.SecurityStamp ?? "",
            ExpiresAt = Now() + Lifetime,
            Remember = remember,
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public Task<MfaChallenge?> FindAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        var now = Now();
        return db.MfaChallenges.AsNoTracking()
            .SingleOrDefaultAsync(c => c.TokenHash == hash && c.ExpiresAt > now && c.FailedAttempts < MaxFailedAttempts, ct);
    }

    public Task CountFailureAsync(MfaChallenge challenge, CancellationToken ct) =>
        db.MfaChallenges.Where(c => c.TokenHash == challenge.TokenHash)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), ct);

    // True for the one caller that removes it: the token is single use even under parallel requests.
    public async Task<bool> ConsumeAsync(MfaChallenge challenge, CancellationToken ct)
    {
        var now = Now();
        return await db.MfaChallenges
            .Where(c => c.TokenHash == challenge.TokenHash && c.ExpiresAt > now && c.FailedAttempts < MaxFailedAttempts)
            .ExecuteDeleteAsync(ct) == 1;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
