using System.Diagnostics.CodeAnalysis;
using JwtBlog.Web.Features.Accounts.Authentication;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// The second step of a sign-in: succeeded (the new session's tokens), an mfa_token that is unknown, expired, used or
// spent, a wrong code, or locked out (with the wait).
public sealed class SecondFactorSignInResult
{
    private SecondFactorSignInResult()
    {
    }

    public static SecondFactorSignInResult InvalidToken { get; } = new() { IsInvalidToken = true };

    public static SecondFactorSignInResult WrongCode { get; } = new();

    public IssuedTokens? Tokens { get; private init; }

    public AppUser? User { get; private init; }

    public TimeSpan? LockoutWait { get; private init; }

    public bool IsInvalidToken { get; private init; }

    [MemberNotNullWhen(true, nameof(Tokens), nameof(User))]
    public bool Succeeded => Tokens is not null && User is not null;

    [MemberNotNullWhen(true, nameof(LockoutWait))]
    public bool IsLockedOut => LockoutWait is not null;

    public static SecondFactorSignInResult Success(IssuedTokens tokens, AppUser user) => new() { Tokens = tokens, User = user };

    public static SecondFactorSignInResult LockedOut(TimeSpan wait) => new() { LockoutWait = wait };
}
