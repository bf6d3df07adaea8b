namespace JwtBlog.Web.Features.Accounts;

// dj-rest-auth's UserDetailsSerializer plus display_name, gender, date_of_birth and the read-only email_verified.
public sealed record UserDetails(int Pk, string Email, string FirstName, string LastName, string DisplayName, string Gender, DateOnly? DateOfBirth, bool EmailVerified)
{
    public static UserDetails From(AppUser user) =>
        new(user.Id, user.Email!, user.FirstName, user.LastName, user.DisplayName, user.Gender, user.DateOfBirth, user.EmailConfirmed);
}
