namespace JwtBlog.Web.Features.Accounts.Passkeys;

// What a passkey ceremony is for; each has its own state cookie, so that two tabs doing different things do not
// overwrite each other's challenge.
public enum PasskeyCeremony
{
    Registration,
    SignIn,
    Reauthentication,
}
