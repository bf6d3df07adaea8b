namespace JwtBlog.Web.Features.Accounts;

// SignInService.CheckPasswordAsync: whether the password was right, or how long the account is locked.
public sealed record PasswordCheck(bool IsCorrect, TimeSpan? LockoutWait);
