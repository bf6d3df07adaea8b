using System.Text.Json.Serialization;

namespace JwtBlog.Web.Features.Accounts;

// refresh only when Jwt:ReturnRefreshTokenInBody is on.
public sealed record RefreshResponse(
    string Access,
    string AccessTokenExpiration,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Refresh);
