using System.Diagnostics.CodeAnalysis;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.AspNetCore.Identity;

namespace JwtBlog.Web.Features.Accounts;

// A password change: done (this client's new session), locked out, a wrong current password, two new passwords that
// differ, or a new password the validators reject.
public sealed class PasswordChangeResult
{
    private PasswordChangeResult()
    {
    }

    public static PasswordChangeResult WrongCurrentPassword { get; } = new() { IsWrongCurrentPassword = true };

    public static PasswordChangeResult Mismatch { get; } = new() { IsMismatch = true };

    public IssuedTokens? Tokens { get; private init; }

    public TimeSpan? LockoutWait { get; private init; }

    public bool IsWrongCurrentPassword { get; private init; }

    public bool IsMismatch { get; private init; }

    public IReadOnlyList<IdentityError> Errors { get; private init; } = [];

    [MemberNotNullWhen(true, nameof(Tokens))]
    public bool Succeeded => Tokens is not null;

    [MemberNotNullWhen(true, nameof(LockoutWait))]
    public bool IsLockedOut => LockoutWait is not null;

    public static PasswordChangeResult Success(IssuedTokens tokens) => new() { Tokens = tokens };

    public static PasswordChangeResult LockedOut(TimeSpan wait) => new() { LockoutWait = wait };

    public static PasswordChangeResult Rejected(IReadOnlyList<IdentityError> errors) => new() { Errors = errors };
}
