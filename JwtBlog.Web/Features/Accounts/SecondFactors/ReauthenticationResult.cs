using System.Diagnostics.CodeAnalysis;
using JwtBlog.Web.Features.Accounts.Authentication;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// POST /accounts/reauthenticate/: succeeded (a fresh access token with a new auth_time), a wrong password or code,
// locked out (with the wait), or the session has ended meanwhile.
public sealed class ReauthenticationResult
{
    private ReauthenticationResult()
    {
    }

    public static ReauthenticationResult Wrong { get; } = new();

    public static ReauthenticationResult SessionEnded { get; } = new() { IsSessionEnded = true };

    public IssuedTokens? Tokens { get; private init; }

    public TimeSpan? LockoutWait { get; private init; }

    public bool IsSessionEnded { get; private init; }

    [MemberNotNullWhen(true, nameof(Tokens))]
    public bool Succeeded => Tokens is not null;

    [MemberNotNullWhen(true, nameof(LockoutWait))]
    public bool IsLockedOut => LockoutWait is not null;

    public static ReauthenticationResult Success(IssuedTokens tokens) => new() { Tokens = tokens };

    public static ReauthenticationResult LockedOut(TimeSpan wait) => new() { LockoutWait = wait };
}
