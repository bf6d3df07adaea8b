using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/logout/: the session of the refresh token in the body (optional), the cookie or the access token ends.
public sealed record LogoutRequest(string? Refresh) : IJsonRequest<LogoutRequest>
{
    public static ValueTask<LogoutRequest> ReadAsync(JsonBody body, HttpContext context) =>
        ValueTask.FromResult(new LogoutRequest(body.Has("refresh") ? body.Text("refresh", allowBlank: true) : null));
}
