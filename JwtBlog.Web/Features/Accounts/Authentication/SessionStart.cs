namespace JwtBlog.Web.Features.Accounts.Authentication;

// How a session begins: the methods that proved who the user is (RFC 8176 "amr" values, see AuthenticationMethods),
// and whether the user asked to stay signed in.
public sealed record SessionStart(IReadOnlyList<string> Methods, bool Remember = false)
{
    public static SessionStart Password { get; } = new([AuthenticationMethods.Password]);
}
