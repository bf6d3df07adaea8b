using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Accounts;

// Django's password rules as Identity's extension point, so every UserManager flow applies them. The messages are
// Django's; callers place an error by its code (the similarity error is reported apart from the rules on the password).
public sealed class DjangoPasswordValidator(IStringLocalizer<ApiText> messages) : IPasswordValidator<AppUser>
{
    public const string RuleCode = "PasswordRule";
    public const string SimilarityCode = "PasswordTooSimilar";

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var errors = Validate(password ?? "", user.Email ?? "", user.FirstName, user.LastName, messages);
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    // The rules on the password alone, all of them in Django's order; the similarity check only when they all pass.
    public static List<IdentityError> Validate(
        string password, string email, string firstName, string lastName, IStringLocalizer<ApiText> messages)
    {
        var errors = PasswordRules.Check(password, messages).Select(message => new IdentityError { Code = RuleCode, Description = message }).ToList();
        if (errors.Count == 0 && PasswordRules.CheckSimilarity(password, email, firstName, lastName, messages) is { } similar)
        {
            errors.Add(new IdentityError { Code = SimilarityCode, Description = similar });
        }

        return errors;
    }
}
