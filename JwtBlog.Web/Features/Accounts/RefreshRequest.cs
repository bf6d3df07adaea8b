using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Shared;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/token/refresh/. The refresh token comes from its cookie; from the body only when
// Jwt:ReturnRefreshTokenInBody is on (non-browser clients), otherwise a "refresh" field is ignored.
public sealed record RefreshRequest(string? Refresh) : IJsonRequest<RefreshRequest>
{
    public static ValueTask<RefreshRequest> ReadAsync(JsonBody body, HttpContext context)
    {
        var fromBody = context.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value.ReturnRefreshTokenInBody && body.Has("refresh");
        return ValueTask.FromResult(new RefreshRequest(fromBody ? body.Text("refresh") : null));
    }
}
