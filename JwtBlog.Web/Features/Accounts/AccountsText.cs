namespace JwtBlog.Web.Features.Accounts;

// The texts of the account pages.
public sealed class AccountsText;
