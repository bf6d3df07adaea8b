using System.Buffers.Text;
using System.Globalization;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

// A user's passkeys through Identity's passkey handler and store: the registration and assertion ceremonies (their
// state in PasskeyCeremonies), and list, rename, remove. Signing in with a checked assertion is SignInService's.
public sealed class UserPasskeys(
    AppDbContext db,
    UserManager<AppUser> users,
    IPasskeyHandler<AppUser> handler,
    PasskeyCeremonies ceremonies,
    SecurityNotices notices,
    TimeProvider time,
    ILogger<UserPasskeys> logger)
{
    public const int NameMaxLength = 100;
    public const int MaxPerUser = 20;

    // Keys of ApiText: the endpoints say them in the caller's language.
    public const string Expired = "Passkey.Expired";
    public const string NotVerified = "Passkey.NotVerified";
    public const string TooMany = "Passkey.TooMany";

    // The staff rule's question: a passkey is a second factor.
    public Task<bool> HasPasskeyAsync(AppUser user, CancellationToken ct) =>
        db.UserPasskeys.AnyAsync(p => p.UserId == user.Id, ct);

    public async Task<IReadOnlyList<PasskeyView>> ListAsync(AppUser user)
    {
        var passkeys = await users.GetPasskeysAsync(user);
        return [.. passkeys.OrderBy(p => p.CreatedAt).Select(PasskeyView.From)];
    }

    // PublicKeyCredentialCreationOptionsJSON for navigator.credentials.create; the user handle is the user's id.
    public async Task<string> BeginRegistrationAsync(AppUser user, HttpContext http)
    {
        var entity = new PasskeyUserEntity
        {
            Id = user.Id.ToString(CultureInfo.InvariantCulture),
            Name = user.Email!,
            DisplayName = DisplayName(user),
        };
        var options = await handler.MakeCreationOptionsAsync(entity, http);
        ceremonies.Begin(http, PasskeyCeremony.Registration, user.Id, options.AttestationState ?? "");
        return options.CreationOptionsJson;
    }

    public async Task<PasskeyOutcome> CompleteRegistrationAsync(AppUser user, string credentialJson, string? name, HttpContext http)
    {
        if (ceremonies.Take(http, PasskeyCeremony.Registration, user.Id) is not { } state)
        {
            return PasskeyOutcome.Failed(Expired);
        }

        var attestation = await handler.PerformAttestationAsync(new PasskeyAttestationContext
        {
            HttpContext = http,
            CredentialJson = credentialJson,
            AttestationState = state,
        });
        if (!attestation.Succeeded)
        {
            logger.PasskeyRegistrationFailed(user.Id, attestation.Failure.Message);
            return PasskeyOutcome.Failed(NotVerified);
        }

        if (attestation.UserEntity.Id != user.Id.ToString(CultureInfo.InvariantCulture))
        {
            return PasskeyOutcome.Failed(Expired);
        }

        if ((await users.GetPasskeysAsync(user)).Count >= MaxPerUser)
        {
            return PasskeyOutcome.Failed(TooMany);
        }

        var created = attestation.Passkey;
        // Identity stamps CreatedAt from the system clock; this app's clock is TimeProvider.
        var passkey = new UserPasskeyInfo(
            created.CredentialId, created.PublicKey, time.GetUtcNow(), created.SignCount, created.Transports, created.IsUserVerified,
            created.IsBackupEligible, created.IsBackedUp, created.AttestationObject, created.ClientDataJson)
        {
            Name = string.IsNullOrWhiteSpace(name) ? DefaultName() : name.Trim(),
        };

        // The notice is stored by the same save as the passkey.
        notices.SecondFactorAdded(user, SecondFactorKind.Passkey);
        var result = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!result.Succeeded)
        {
            logger.PasskeyRegistrationFailed(user.Id, string.Join(" ", result.Errors.Select(e => e.Code)));
            return PasskeyOutcome.Failed(NotVerified);
        }

        logger.PasskeyAdded(user.Id);
        return PasskeyOutcome.Success(passkey, user);
    }

    // PublicKeyCredentialRequestOptionsJSON for navigator.credentials.get. With no user the request is for a
    // discoverable credential (the authenticator names the user); with one, for that user's passkeys only.
    public async Task<string> BeginAssertionAsync(PasskeyCeremony ceremony, AppUser? user, HttpContext http)
    {
        var options = await handler.MakeRequestOptionsAsync(user, http);
        ceremonies.Begin(http, ceremony, user?.Id, options.AssertionState ?? "");
        return options.RequestOptionsJson;
    }

    // Checks the assertion against the ceremony's challenge and the stored public key. The passkey's new signature
    // count is not stored yet: SignInService stores it with the session it starts.
    public async Task<PasskeyOutcome> VerifyAssertionAsync(PasskeyCeremony ceremony, AppUser? user, string credentialJson, HttpContext http)
    {
        if (ceremonies.Take(http, ceremony, user?.Id) is not { } state)
        {
            return PasskeyOutcome.Failed(Expired);
        }

        var assertion = await handler.PerformAssertionAsync(new PasskeyAssertionContext
        {
            HttpContext = http,
            CredentialJson = credentialJson,
            AssertionState = state,
        });
        if (!assertion.Succeeded)
        {
            logger.PasskeyAssertionFailed(http.Connection.RemoteIpAddress, assertion.Failure.Message);
            return PasskeyOutcome.Failed(NotVerified);
        }

        return PasskeyOutcome.Success(assertion.Passkey, assertion.User);
    }

    // Null when the user has no passkey with this id (another user's included).
    public async Task<PasskeyView?> RenameAsync(AppUser user, string id, string name)
    {
        if (await FindAsync(user, id) is not { } passkey)
        {
            return null;
        }

        passkey.Name = name.Trim();
        var result = await users.AddOrUpdatePasskeyAsync(user, passkey);
        return result.Succeeded ? PasskeyView.From(passkey) : null;
    }

    public async Task<bool> RemoveAsync(AppUser user, string id)
    {
        if (await FindAsync(user, id) is not { } passkey)
        {
            return false;
        }

        notices.SecondFactorRemoved(user, SecondFactorKind.Passkey);
        var result = await users.RemovePasskeyAsync(user, passkey.CredentialId);
        if (result.Succeeded)
        {
            logger.PasskeyRemoved(user.Id);
        }

        return result.Succeeded;
    }

    private async Task<UserPasskeyInfo?> FindAsync(AppUser user, string id)
    {
        // Credential ids are at most 1023 bytes (WebAuthn); anything else names no passkey.
        if (id.Length is 0 or > 1400 || !Base64Url.IsValid(id))
        {
            return null;
        }

        return await users.GetPasskeyAsync(user, Base64Url.DecodeFromChars(id));
    }

    private static string DisplayName(AppUser user) =>
        $"{user.FirstName} {user.LastName}".Trim() is { Length: > 0 } full ? full : user.Email!;

    private string DefaultName() =>
        "Passkey added " + time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
