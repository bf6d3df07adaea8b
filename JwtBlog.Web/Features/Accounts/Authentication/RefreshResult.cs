namespace JwtBlog.Web.Features.Accounts.Authentication;

// A rotation's outcome: new tokens, a refusal (Error), or "too many refreshes for this session" (RetryAfter), in which
// case the presented token was not spent.
public sealed record RefreshResult(IssuedTokens? Tokens, string? Error, TimeSpan? RetryAfter = null)
{
    public static RefreshResult Fail(string error) => new(null, error);

    public static RefreshResult Throttled(TimeSpan retryAfter) => new(null, "Too many refreshes.", retryAfter);
}
