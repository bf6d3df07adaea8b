namespace JwtBlog.Web.Features.Accounts;

// dj-rest-auth's UserDetailsSerializer plus gender and date_of_birth.
public sealed record UserDetails(int Pk, string Email, string FirstName, string LastName, string Gender, DateOnly? DateOfBirth)
{
    public static UserDetails From(AppUser user) =>
        new(user.Id, user.Email!, user.FirstName, user.LastName, user.Gender, user.DateOfBirth);
}
