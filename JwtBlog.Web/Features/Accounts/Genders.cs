namespace JwtBlog.Web.Features.Accounts;

public static class Genders
{
    public static readonly string[] All = ["", "male", "female"];
}
