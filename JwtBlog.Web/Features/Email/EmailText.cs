namespace JwtBlog.Web.Features.Email;

// The texts of the emails.
public sealed class EmailText;
