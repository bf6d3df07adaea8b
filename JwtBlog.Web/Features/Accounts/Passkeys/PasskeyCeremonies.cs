using System.Security.Cryptography;
using System.Text.Json;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

// The handler's state between the options and the authenticator's answer (its challenge, and for registration the
// user entity), kept where SignInManager keeps it: a Data Protection-protected, short-lived, HttpOnly cookie. Each
// state is bound to its ceremony and, when someone is signed in, to that user, and it is taken once: the cookie is
// deleted and its nonce remembered until it would have expired.
public sealed class PasskeyCeremonies(
    IDataProtectionProvider protection, IMemoryCache used, TimeProvider time, IOptions<JwtOptions> jwt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("JwtBlog.Passkeys.CeremonyState.v1");

    private static string CookieName(PasskeyCeremony ceremony) => ceremony switch
    {
        PasskeyCeremony.Registration => "my-passkey-registration",
        PasskeyCeremony.SignIn => "my-passkey-sign-in",
        _ => "my-passkey-reauthentication",
    };

    public void Begin(HttpContext http, PasskeyCeremony ceremony, int? userId, string handlerState)
    {
        var expiresAt = time.GetUtcNow() + Lifetime;
        var ticket = new Ticket(ceremony, userId, handlerState, expiresAt.ToUnixTimeSeconds(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var protectedTicket = _protector.Protect(JsonSerializer.Serialize(ticket));
        http.Response.Cookies.Append(CookieName(ceremony), protectedTicket, Options(http, expiresAt));
    }

    // The handler's state, or null when there is none, it expired, was used, or belongs to another user or ceremony.
    public string? Take(HttpContext http, PasskeyCeremony ceremony, int? userId)
    {
        var name = CookieName(ceremony);
        var value = http.Request.Cookies[name];
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        http.Response.Cookies.Delete(name, Options(http, expiresAt: null));
        Ticket? ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<Ticket>(_protector.Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }

        var expiresAt = ticket is null ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeSeconds(ticket.ExpiresAt);
        if (ticket is null || ticket.Ceremony != ceremony || ticket.UserId != userId || expiresAt <= time.GetUtcNow())
        {
            return null;
        }

        // Remembered until its expiry, so that a copy of the cookie cannot start a second ceremony with the same challenge.
        var usedKey = "passkey-ceremony:" + ticket.Nonce;
        if (used.TryGetValue(usedKey, out _))
        {
            return null;
        }

        used.Set(usedKey, true, new MemoryCacheEntryOptions { AbsoluteExpiration = expiresAt, Size = 1 });
        return ticket.HandlerState;
    }

    private CookieOptions Options(HttpContext http, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/accounts/",
        Secure = http.Request.IsHttps || jwt.Value.AlwaysSecureCookies,
        Expires = expiresAt,
        IsEssential = true,
    };

    private sealed record Ticket(PasskeyCeremony Ceremony, int? UserId, string HandlerState, long ExpiresAt, string Nonce);
}
