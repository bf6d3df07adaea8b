namespace JwtBlog.Web.Features.Accounts.Authentication;

public sealed record RefreshResult(IssuedTokens? Tokens, string? Error)
{
    public static RefreshResult Fail(string error) => new(null, error);
}
