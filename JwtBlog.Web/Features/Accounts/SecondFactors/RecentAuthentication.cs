using System.Globalization;
using System.Security.Claims;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// Sensitive changes need a sign-in (or re-authentication) within Accounts:ReauthenticationWindow, read from the access
// token's auth_time. Put .RequireRecentAuthentication() on the endpoint (or group); the answer otherwise is 403
// {"detail": "Re-authentication required.", "code": "reauthentication_required"}.
public static class RecentAuthentication
{
    public static TBuilder RequireRecentAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            return IsRecent(http.User, http.RequestServices)
                ? await next(context)
                : TypedResults.Json(
                    ReauthenticationRequiredResponse.In(http.RequestServices.GetRequiredService<IStringLocalizer<ApiText>>()),
                    statusCode: StatusCodes.Status403Forbidden);
        });
        builder.Add(endpoint => endpoint.Metadata.Add(new ProducesResponseTypeMetadata(
            StatusCodes.Status403Forbidden, typeof(ReauthenticationRequiredResponse), ["application/json"])));
        return builder;
    }

    public static bool IsRecent(ClaimsPrincipal user, IServiceProvider services)
    {
        var window = services.GetRequiredService<IOptions<AccountOptions>>().Value.ReauthenticationWindow;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return AuthenticatedAt(user) is { } at && now - at <= window;
    }

    public static DateTimeOffset? AuthenticatedAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(TokenClaims.AuthTime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    // The amr values of this request's session.
    public static IReadOnlyList<string> Methods(ClaimsPrincipal user) =>
        [.. user.FindAll(TokenClaims.AuthMethods).Select(claim => claim.Value)];
}
