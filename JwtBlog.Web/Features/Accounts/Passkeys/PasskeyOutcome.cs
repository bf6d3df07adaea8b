using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Identity;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

// A checked authenticator answer: the passkey (and for an assertion its user), or the reason it was refused as the
// ApiText key of words fit for the person at the keyboard.
public sealed class PasskeyOutcome
{
    private PasskeyOutcome()
    {
    }

    public UserPasskeyInfo? Passkey { get; private init; }

    public AppUser? User { get; private init; }

    public string? Error { get; private init; }

    [MemberNotNullWhen(true, nameof(Passkey))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Passkey is not null;

    public static PasskeyOutcome Success(UserPasskeyInfo passkey, AppUser? user = null) => new() { Passkey = passkey, User = user };

    public static PasskeyOutcome Failed(string error) => new() { Error = error };
}
