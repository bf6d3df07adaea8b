namespace JwtBlog.Web.Features.Accounts;

// The original's accounts/test/ greeting.
public sealed record TestResponse(string Message, string? User);
