namespace JwtBlog.Web.Features.Accounts;

// More password hashes are waiting than the server will queue: the request is refused with 503 and Retry-After.
public sealed class PasswordHashingBusyException() : Exception("Too many password hashes are waiting.");
