namespace JwtBlog.Web.Features.Accounts;

public sealed record ProfileFields(string FirstName, string LastName, string Gender, DateOnly? DateOfBirth);
