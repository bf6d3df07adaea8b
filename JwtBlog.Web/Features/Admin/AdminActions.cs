namespace JwtBlog.Web.Features.Admin;

public static class AdminActions
{
    public const string Add = "add";
    public const string Change = "change";
    public const string Delete = "delete";
}
