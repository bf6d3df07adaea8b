namespace JwtBlog.Web.Features.Accounts;

public sealed record ProfileFields(string FirstName, string LastName, string DisplayName, string Gender, DateOnly? DateOfBirth);
