namespace JwtBlog.Web.Features.Email;

// Which second factor a security notice names, in the words of the notice's language.
public enum SecondFactorKind
{
    AuthenticatorApp,
    Passkey,
    EveryFactorReset,
}
