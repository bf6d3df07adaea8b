namespace JwtBlog.Web.Features.Accounts;

public sealed record LoginResponse(string AccessToken, string RefreshToken, UserDetails User);
