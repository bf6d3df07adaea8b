using System.Security.Claims;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// /accounts/mfa/... (second factors), /accounts/login/mfa/ (the second step of a sign-in) and /accounts/reauthenticate/.
public static class SecondFactorEndpoints
{
    public static RouteGroupBuilder MapSecondFactorEndpoints(this RouteGroupBuilder accounts)
    {
        // Like login/: it authenticates nobody by cookie, and the JSON-only rule forces a preflight on cross-site callers.
        accounts.MapPost("/login/mfa/", LoginWithCodeAsync).WithSummary("Finish a two-step login with a code")
            .RequireRateLimiting(RateLimits.AuthPolicy).DisableCsrfCheck().ProducesDetail(StatusCodes.Status429TooManyRequests);

        var signedIn = accounts.MapGroup("").RequireAuthorization();
        signedIn.MapPost("/reauthenticate/", ReauthenticateAsync).WithSummary("Prove it is you again (password or code)")
            .ProducesDetail(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        signedIn.MapGet("/mfa/", StatusAsync).WithSummary("Your second factors");

        var sensitive = signedIn.MapGroup("/mfa").RequireRecentAuthentication();
        sensitive.MapPost("/totp/setup/", SetUpTotpAsync).WithSummary("Start setting up an authenticator app");
        sensitive.MapPost("/totp/activate/", ActivateTotpAsync).WithSummary("Activate the authenticator app with a code");
        sensitive.MapDelete("/totp/", RemoveTotpAsync).WithSummary("Remove the authenticator app");
        sensitive.MapPost("/recovery-codes/", RegenerateRecoveryCodesAsync).WithSummary("Replace your recovery codes");
        return accounts;
    }

    private static async Task<Results<Ok<LoginResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> LoginWithCodeAsync(
        JsonRequest<MfaLoginRequest> request, HttpContext http, SignInService signIn, AuthCookies cookies, IOptions<JwtOptions> jwt,
        IStringLocalizer<ApiText> messages)
    {
        var result = await signIn.SecondFactorSignInAsync(request.Value.MfaToken, request.Value.Code, http.RequestAborted);
        if (result.IsLockedOut)
        {
            return AccountsEndpoints.LockedOutResult(http, messages, result.LockoutWait.Value);
        }

        if (result.IsInvalidToken)
        {
            return FieldError("mfa_token", messages["Mfa.ChallengeExpired"]);
        }

        if (!result.Succeeded)
        {
            return FieldError("code", messages["Mfa.InvalidCode"]);
        }

        cookies.Write(http, result.Tokens);
        return TypedResults.Ok(AccountsEndpoints.LoginBody(result.Tokens, result.User, jwt.Value));
    }

    private static async Task<Results<Ok<ReauthenticatedResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> ReauthenticateAsync(
        JsonRequest<ReauthenticateRequest> request, HttpContext http, ClaimsPrincipal principal, AppDbContext db, SignInService signIn,
        AuthCookies cookies, TimeProvider time, IStringLocalizer<ApiText> messages)
    {
        var user = await db.Users.FindAsync([principal.UserId()], http.RequestAborted);
        if (user is null || principal.SessionId() is not { } sessionId)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        var (password, code) = request.Value;
        var result = await signIn.ReauthenticateAsync(user, sessionId, password, code, http.RequestAborted);
        if (result.IsLockedOut)
        {
            return AccountsEndpoints.LockedOutResult(http, messages, result.LockoutWait.Value);
        }

        if (result.IsSessionEnded)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        if (!result.Succeeded)
        {
            return password is not null ? FieldError("password", messages["Password.IncorrectShort"]) : FieldError("code", messages["Mfa.InvalidCode"]);
        }

        cookies.Write(http, result.Tokens);
        return TypedResults.Ok(new ReauthenticatedResponse(messages["Reauth.Done"], result.Tokens.AccessToken, DrfFormat.DateTime(time.GetUtcNow().UtcDateTime)));
    }

    private static async Task<Ok<MfaStatusResponse>> StatusAsync(HttpContext http, ClaimsPrincipal principal, UserSecondFactors factors) =>
        TypedResults.Ok(MfaStatusResponse.From(await factors.StatusAsync(principal.UserId(), http.RequestAborted)));

    private static async Task<Results<Ok<TotpSetup>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> SetUpTotpAsync(
        HttpContext http, ClaimsPrincipal principal, AppDbContext db, UserSecondFactors factors, IStringLocalizer<ApiText> messages)
    {
        if (await db.Users.FindAsync([principal.UserId()], http.RequestAborted) is not { } user)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        return await factors.BeginTotpSetupAsync(user, http.RequestAborted) is { } setup
            ? TypedResults.Ok(setup)
            : ApiResults.NonField(messages["Mfa.AlreadyActive"]);
    }

    // The activation code proves the authenticator too: this session gains "otp", so a staff member who just enrolled
    // goes on to the admin without signing in again.
    private static async Task<Results<Ok<RecoveryCodesResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> ActivateTotpAsync(
        JsonRequest<MfaCodeRequest> request, HttpContext http, ClaimsPrincipal principal, AppDbContext db, UserSecondFactors factors,
        TokenService tokens, AuthCookies cookies, IStringLocalizer<ApiText> messages)
    {
        if (await db.Users.FindAsync([principal.UserId()], http.RequestAborted) is not { } user)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        if (await factors.ActivateTotpAsync(user, request.Value.Code, http.RequestAborted) is not { } codes)
        {
            return FieldError("code", messages["Mfa.InvalidCode"]);
        }

        if (principal.SessionId() is { } sessionId
            && await tokens.ReauthenticateAsync(sessionId, user, [AuthenticationMethods.OneTimePassword], http.RequestAborted) is { } issued)
        {
            cookies.Write(http, issued);
        }

        return TypedResults.Ok(new RecoveryCodesResponse(codes));
    }

    private static async Task<Results<Ok<DetailResponse>, JsonHttpResult<DetailResponse>>> RemoveTotpAsync(
        HttpContext http, ClaimsPrincipal principal, AppDbContext db, UserSecondFactors factors, IStringLocalizer<ApiText> messages)
    {
        if (await db.Users.FindAsync([principal.UserId()], http.RequestAborted) is not { } user)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        await factors.RemoveTotpAsync(user, SecurityActors.Self, http.RequestAborted);
        return TypedResults.Ok(new DetailResponse(messages["Mfa.Removed"]));
    }

    private static async Task<Results<Ok<RecoveryCodesResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> RegenerateRecoveryCodesAsync(
        HttpContext http, ClaimsPrincipal principal, AppDbContext db, UserSecondFactors factors, IStringLocalizer<ApiText> messages)
    {
        if (await db.Users.FindAsync([principal.UserId()], http.RequestAborted) is not { } user)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        return await factors.RegenerateRecoveryCodesAsync(user, http.RequestAborted) is { } codes
            ? TypedResults.Ok(new RecoveryCodesResponse(codes))
            : ApiResults.NonField(messages["Mfa.RecoveryCodesNeedFactor"]);
    }

    private static BadRequest<FieldErrors> FieldError(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToResult();
    }
}
