using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/join/: the account and, optionally, its profile. The email is checked for format and for being
// taken here, with the other fields, as DRF's UniqueValidator does, so every field's errors come at once.
public sealed record JoinRequest(
    [property: Required, MaxLength(AppUser.EmailMaxLength)] string Email,
    [property: Required] string Password1,
    [property: Required] string Password2,
    [property: MaxLength(ProfileRules.NameMaxLength)] string? FirstName,
    [property: MaxLength(ProfileRules.NameMaxLength)] string? LastName,
    [property: MinLength(1), MaxLength(DisplayNames.MaxLength)] string? DisplayName,
    [property: AllowedValues("", "male", "female")] string? Gender,
    DateOnly? DateOfBirth) : IJsonRequest<JoinRequest>
{
    [JsonIgnore]
    public ProfileChangesRequest Profile => new(FirstName, LastName, DisplayName, Gender, DateOfBirth) { HasDateOfBirth = true };

    public static async ValueTask<JoinRequest> ReadAsync(JsonBody body, HttpContext context)
    {
        var email = body.Text("email", maxLength: AppUser.EmailMaxLength, trim: true);
        if (email is not null && !EmailAddress.IsValid(email))
        {
            body.Errors.Add("email", body.Messages[EmailAddress.InvalidMessage]);
        }
        else if (email is not null && await context.RequestServices.GetRequiredService<UserAccounts>().FindByEmailAsync(email) is not null)
        {
            body.Errors.Add("email", body.Messages[UserAccounts.DuplicateEmail]);
        }

        var password1 = body.Text("password1");
        if (password1 is not null)
        {
            body.Errors.Add("password1", PasswordRules.Check(password1, body.Messages));
        }

        var password2 = body.Text("password2");
        var profile = ProfileRules.Read(body, context.RequestServices.GetRequiredService<TimeProvider>());
        return new JoinRequest(
            email ?? "", password1 ?? "", password2 ?? "", profile.FirstName, profile.LastName, profile.DisplayName, profile.Gender, profile.DateOfBirth);
    }
}
