using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// OWASP's device cookies ("Slow Down Online Guessing Attacks with Device Cookies"): a browser or client that has
// signed in to an account carries a signed, encrypted, HttpOnly cookie naming that account and a random device id.
// Such a client is judged by its own small failure budget instead of the account's lockout, so strangers who lock an
// account cannot lock its owner out. The cookie is bound to one account: another account's cookie earns nothing.
public sealed class DeviceCookies(IDataProtectionProvider protection, TimeProvider time, IOptions<JwtOptions> jwt) : IKnownClients
{
    public const string CookieName = "jwtblog-device";
    public const string CookiePath = "/accounts";
    private const int MaxAccounts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly IDataProtector _protector = protection.CreateProtector("JwtBlog.DeviceCookie.v1");

    // The device id this client holds for the account, or null when it holds none (or a forged or foreign one).
    public string? Find(HttpContext http, string normalizedEmail) =>
        Read(http).FirstOrDefault(e => e.Account == AccountKey(normalizedEmail))?.Device;

    // A client holding a device cookie that this server signed has signed in here before, to some account.
    public bool IsKnown(HttpContext context) => Read(context).Count > 0;

    // After a successful sign-in: the client keeps its device id for the account, or gets one.
    public void Remember(HttpContext http, string normalizedEmail)
    {
        var account = AccountKey(normalizedEmail);
        var entries = Read(http);
        var entry = entries.FirstOrDefault(e => e.Account == account)
            ?? new DeviceEntry(account, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var kept = entries.Where(e => e.Account != account).Prepend(entry).Take(MaxAccounts).ToList();
        http.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(kept)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = CookiePath,
            Secure = http.Request.IsHttps || jwt.Value.AlwaysSecureCookies,
            MaxAge = Lifetime,
            Expires = time.GetUtcNow() + Lifetime,
        });
    }

    // The key a device's failures are counted under (beside the accounts' normalized emails).
    public static string ThrottleKey(string deviceId) => "device:" + deviceId;

    private List<DeviceEntry> Read(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 and < 4096 } value)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<DeviceEntry>>(_protector.Unprotect(value)) ?? [];
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return [];
        }
    }

    // The cookie names the account by a hash of its normalized email, never by the address itself.
    private static string AccountKey(string normalizedEmail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)))[..32];

    private sealed record DeviceEntry(string Account, string Device);
}
