using System.Diagnostics.CodeAnalysis;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.AspNetCore.Identity;

namespace JwtBlog.Web.Features.Accounts;

// A registration: the new user signed in, created but waiting for the address to be verified (mandatory
// verification), the email already taken, or a password the validators reject.
public sealed class RegistrationResult
{
    private RegistrationResult()
    {
    }

    public static RegistrationResult DuplicateEmail { get; } = new() { IsDuplicateEmail = true };

    public static RegistrationResult VerificationSent { get; } = new() { IsVerificationSent = true };

    public IssuedTokens? Tokens { get; private init; }

    public bool IsVerificationSent { get; private init; }

    public bool IsDuplicateEmail { get; private init; }

    public IReadOnlyList<IdentityError> Errors { get; private init; } = [];

    [MemberNotNullWhen(true, nameof(Tokens))]
    public bool Succeeded => Tokens is not null;

    public static RegistrationResult Success(IssuedTokens tokens) => new() { Tokens = tokens };

    public static RegistrationResult Rejected(IReadOnlyList<IdentityError> errors) => new() { Errors = errors };
}
