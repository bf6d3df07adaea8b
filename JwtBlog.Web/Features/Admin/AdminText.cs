namespace JwtBlog.Web.Features.Admin;

// The texts of the admin pages.
public sealed class AdminText;
