using System.Diagnostics.CodeAnalysis;
using JwtBlog.Web.Features.Accounts.Authentication;

namespace JwtBlog.Web.Features.Accounts;

// Identity's SignInResult for this app: succeeded (with the new session's tokens), failed, locked out (with the
// wait), a second factor still required (with the mfa_token that continues the sign-in and the methods offered), or
// the right password for an address that mandatory verification has not seen confirmed.
public sealed class PasswordSignInResult
{
    private PasswordSignInResult()
    {
    }

    public static PasswordSignInResult Failed { get; } = new();

    public IssuedTokens? Tokens { get; private init; }

    public AppUser? User { get; private init; }

    public TimeSpan? LockoutWait { get; private init; }

    [MemberNotNullWhen(true, nameof(MfaToken), nameof(SecondFactorMethods))]
    public bool RequiresSecondFactor => MfaToken is not null && SecondFactorMethods is not null;

    public string? MfaToken { get; private init; }

    public IReadOnlyList<string>? SecondFactorMethods { get; private init; }

    public bool IsEmailNotVerified { get; private init; }

    [MemberNotNullWhen(true, nameof(Tokens), nameof(User))]
    public bool Succeeded => Tokens is not null && User is not null;

    [MemberNotNullWhen(true, nameof(LockoutWait))]
    public bool IsLockedOut => LockoutWait is not null;

    public static PasswordSignInResult Success(IssuedTokens tokens, AppUser user) => new() { Tokens = tokens, User = user };

    public static PasswordSignInResult LockedOut(TimeSpan wait) => new() { LockoutWait = wait };

    public static PasswordSignInResult EmailNotVerified(AppUser user) => new() { User = user, IsEmailNotVerified = true };

    public static PasswordSignInResult SecondFactorRequired(AppUser user, string mfaToken, IReadOnlyList<string> methods) =>
        new() { User = user, MfaToken = mfaToken, SecondFactorMethods = methods };
}
