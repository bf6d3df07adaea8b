namespace JwtBlog.Web.Features.Admin;

public static class AdminObjectTypes
{
    public const string User = "user";
    public const string Post = "post";
}
