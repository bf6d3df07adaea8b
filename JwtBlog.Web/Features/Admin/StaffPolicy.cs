namespace JwtBlog.Web.Features.Admin;

public static class StaffPolicy
{
    public const string Name = "Staff";
}
