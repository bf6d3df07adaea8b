using System.Security.Claims;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Accounts;

// /accounts/sessions/: where the caller is signed in, and ending those sessions. Ended sessions' access and refresh
// tokens are refused from their next request.
public static class SessionsEndpoints
{
    public static RouteGroupBuilder MapSessionsEndpoints(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/sessions/", ListAsync).WithSummary("List your sessions");
        signedIn.MapDelete("/sessions/{id}/", EndAsync).WithSummary("End one of your sessions").ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapPost("/sessions/end-others/", EndOthersAsync).WithSummary("End your other sessions").RequireRecentAuthentication();
        return signedIn;
    }

    private static async Task<Ok<SessionResponse[]>> ListAsync(ClaimsPrincipal principal, AccountSessions sessions, CancellationToken ct)
    {
        var list = await sessions.ListAsync(principal.UserId(), principal.SessionId(), ct);
        return TypedResults.Ok(list.Select(SessionResponse.From).ToArray());
    }

    private static async Task<Results<NoContent, JsonHttpResult<DetailResponse>>> EndAsync(
        string id, HttpContext http, ClaimsPrincipal principal, AccountSessions sessions, AuthCookies cookies, IStringLocalizer<ApiText> messages)
    {
        var ended = await sessions.EndAsync(principal.UserId(), id, http.RequestAborted);
        if (ended is null)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        // Ending the session this request came from is a logout: its cookies go too.
        if (ended == principal.SessionId())
        {
            cookies.Delete(http);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Ok<SessionsEndedResponse>> EndOthersAsync(ClaimsPrincipal principal, AccountSessions sessions, CancellationToken ct)
    {
        var ended = await sessions.EndOthersAsync(principal.UserId(), principal.SessionId()!, ct);
        return TypedResults.Ok(new SessionsEndedResponse(ended));
    }
}
