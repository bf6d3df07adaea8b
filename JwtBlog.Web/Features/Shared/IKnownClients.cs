namespace JwtBlog.Web.Features.Shared;

// Tells whether a request comes from a client that has signed in here before (the accounts' device cookies). Such
// clients are spared the password-hash ceiling shared by all unknown clients, so a flood of strangers spread over
// many addresses cannot keep out the people who sign in from their own browsers.
public interface IKnownClients
{
    bool IsKnown(HttpContext context);
}
