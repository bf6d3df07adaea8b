using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// Reset tokens and verification keys from Identity's DataProtectorTokenProvider, which ties each token to the user and
// the security stamp (a password change kills it). The issue time is part of the token and of its purpose, so the
// lifetime is checked on TimeProvider; the purpose also names the reset generation or the address being confirmed.
public sealed class AccountTokens(UserManager<AppUser> users, TimeProvider time, IOptions<AccountOptions> options)
{
    private const string ResetPurpose = "ResetPassword";
    private const string VerifyPurpose = "VerifyEmail";
    private const string CancelPurpose = "CancelEmailChange";

    // Django's uid: the primary key's text in URL-safe base64, opaque to the reader and nothing secret.
    public static string EncodeUid(int userId) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(userId.ToString(CultureInfo.InvariantCulture)));

    public static int? DecodeUid(string uid)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(uid));
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public Task<string> CreateResetTokenAsync(AppUser user) => CreateAsync(user, ResetPurpose + ":" + user.PasswordResetGeneration);

    public Task<bool> IsValidResetTokenAsync(AppUser user, string token) =>
        IsValidAsync(user, ResetPurpose + ":" + user.PasswordResetGeneration, token, options.Value.PasswordResetTokenLifetime);

    // The key names the user and the address it confirms: the current one, or a pending new one.
    public Task<string> CreateVerificationKeyAsync(AppUser user, string email) => CreateKeyAsync(user, email, VerifyPurpose);

    // The old address's way to cancel a change to the pending address.
    public Task<string> CreateChangeCancelKeyAsync(AppUser user, string pendingEmail) => CreateKeyAsync(user, pendingEmail, CancelPurpose);

    public static (int UserId, string Email, string Token)? ReadVerificationKey(string key)
    {
        var parts = key.Split('.', 3);
        if (parts.Length != 3 || DecodeUid(parts[0]) is not { } userId)
        {
            return null;
        }

        try
        {
            return (userId, Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[1])), parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public Task<bool> IsValidVerificationTokenAsync(AppUser user, string email, string token) =>
        IsValidAsync(user, VerifyPurpose + ":" + users.NormalizeEmail(email), token, options.Value.EmailVerificationKeyLifetime);

    public Task<bool> IsValidChangeCancelTokenAsync(AppUser user, string pendingEmail, string token) =>
        IsValidAsync(user, CancelPurpose + ":" + users.NormalizeEmail(pendingEmail), token, options.Value.EmailVerificationKeyLifetime);

    private async Task<string> CreateKeyAsync(AppUser user, string email, string purpose) =>
        EncodeUid(user.Id) + "." + WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(email)) + "." +
        await CreateAsync(user, purpose + ":" + users.NormalizeEmail(email));

    private async Task<string> CreateAsync(AppUser user, string purpose)
    {
        var issued = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var token = await users.GenerateUserTokenAsync(user, TokenOptions.DefaultProvider, purpose + ":" + issued);
        return issued + "-" + WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
    }

    private async Task<bool> IsValidAsync(AppUser user, string purpose, string token, TimeSpan lifetime)
    {
        var dash = token.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !long.TryParse(token.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
        {
            return false;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Min(issued, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if (age < TimeSpan.Zero || age > lifetime)
        {
            return false;
        }

        string identityToken;
        try
        {
            identityToken = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token[(dash + 1)..]));
        }
        catch (FormatException)
        {
            return false;
        }

        return await users.VerifyUserTokenAsync(user, TokenOptions.DefaultProvider, purpose + ":" + token[..dash], identityToken);
    }
}
