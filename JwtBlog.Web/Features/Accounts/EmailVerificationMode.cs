namespace JwtBlog.Web.Features.Accounts;

// allauth's ACCOUNT_EMAIL_VERIFICATION: none sends nothing, optional sends the email and lets the user in, mandatory
// refuses logins until the address is confirmed.
public enum EmailVerificationMode
{
    None,
    Optional,
    Mandatory,
}
