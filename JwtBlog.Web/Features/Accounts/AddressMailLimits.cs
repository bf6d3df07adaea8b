using System.Security.Cryptography;
using System.Text;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Shared.ScaleOut;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// Limits on emails asked for an address, counted alike for known and unknown addresses so that an answer reveals
// nothing: Accounts:EmailsPerAddressPerHour for every kind, and a cooldown for resent verification emails. With Redis
// they are counted there (shared by every instance), and in this process only while Redis does not answer.
public sealed class AddressMailLimits(TimeProvider time, IOptions<AccountOptions> options, SharedRateCounter shared, SigningKey signingKey)
{
    private const int PruneAbove = 10_000;
    private static readonly TimeSpan _window = TimeSpan.FromHours(1);

    // An address stands in a Redis key only as an HMAC under a key every instance derives from the shared signing key:
    // someone who reads Redis cannot test guessed addresses against the keys.
    private readonly byte[] _addressKey = HKDF.DeriveKey(
        HashAlgorithmName.SHA256, signingKey.Key.Key, 32, info: Encoding.UTF8.GetBytes("jwtblog rate-limit address keys"));

    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _hourly = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _cooldowns = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    // Null when one more email may go to this address, else how long to wait.
    public async ValueTask<TimeSpan?> TryTakeAsync(string normalizedAddress, CancellationToken ct)
    {
        using var lease = await shared.TryTakeAsync(
            [("mail:" + Hashed(normalizedAddress), options.Value.EmailsPerAddressPerHour, _window)], ct);
        return lease is null ? TryTakeHere(normalizedAddress) : SharedRateCounter.WaitOf(lease, _window);
    }

    // Null when the cooldown of this key has passed (and starts it again), else how long to wait.
    public async ValueTask<TimeSpan?> TryStartCooldownAsync(string key, TimeSpan cooldown, CancellationToken ct)
    {
        using var lease = await shared.TryTakeAsync([("mail-cooldown:" + Hashed(key), 1, cooldown)], ct);
        return lease is null ? TryStartCooldownHere(key, cooldown) : SharedRateCounter.WaitOf(lease, cooldown);
    }

    private string Hashed(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(_addressKey, Encoding.UTF8.GetBytes(value)))[..32];

    private TimeSpan? TryTakeHere(string normalizedAddress)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_hourly.Count > PruneAbove)
            {
                foreach (var stale in _hourly.Where(e => now - e.Value.Start >= _window).Select(e => e.Key).ToList())
                {
                    _hourly.Remove(stale);
                }
            }

            if (!_hourly.TryGetValue(normalizedAddress, out var entry) || now - entry.Start >= _window)
            {
                entry = (now, 0);
            }

            if (entry.Count >= options.Value.EmailsPerAddressPerHour)
            {
                return entry.Start + _window - now;
            }

            _hourly[normalizedAddress] = (entry.Start, entry.Count + 1);
            return null;
        }
    }

    private TimeSpan? TryStartCooldownHere(string key, TimeSpan cooldown)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_cooldowns.Count > PruneAbove)
            {
                foreach (var stale in _cooldowns.Where(e => e.Value <= now).Select(e => e.Key).ToList())
                {
                    _cooldowns.Remove(stale);
                }
            }

            if (_cooldowns.TryGetValue(key, out var until) && until > now)
            {
                return until - now;
            }

            _cooldowns[key] = now + cooldown;
            return null;
        }
    }
}
