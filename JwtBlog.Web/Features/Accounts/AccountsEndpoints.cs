using System.Globalization;
using System.Security.Claims;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// The original's /accounts/ API (dj-rest-auth + simplejwt), with its flaws fixed.
public static class AccountsEndpoints
{
    private const string InvalidCredentials = "Unable to log in with provided credentials.";
    private const string LockedOut = "Too many failed login attempts. Try again later.";

    public static RouteGroupBuilder MapAccountsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/accounts").WithTags("Accounts").AsApi();

        // No CSRF header for these four: they authenticate nobody by cookie, and the JSON-only rule (415 for any declared
        // non-JSON body) forces a CORS preflight on a cross-site caller. Every other endpoint checks it (Csrf).
        group.MapPost("/join/", JoinAsync).WithSummary("Register and sign in").RequireRateLimiting(RateLimits.AuthPolicy).DisableCsrfCheck()
            .ProducesDetail(StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/login/", LoginAsync).WithSummary("Log in").RequireRateLimiting(RateLimits.AuthPolicy).DisableCsrfCheck()
            .ProducesDetail(StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/token/refresh/", RefreshAsync).WithSummary("Rotate the tokens").DisableCsrfCheck()
            .Produces<TokenErrorResponse>(StatusCodes.Status401Unauthorized);
        group.MapPost("/token/verify/", VerifyAsync).WithSummary("Check an access token")
            .Produces<TokenErrorResponse>(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout/", LogoutAsync).WithSummary("Log out").DisableCsrfCheck();

        var signedIn = group.MapGroup("").RequireAuthorization();
        signedIn.MapGet("/user/", GetUserAsync).WithSummary("Read your profile").ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapMethods("/user/", [HttpMethods.Put, HttpMethods.Patch], UpdateUserAsync).WithSummary("Change your profile").ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapPost("/password/change/", ChangePasswordAsync).WithSummary("Change your password")
            .ProducesDetail(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        signedIn.MapGet("/test/", (ClaimsPrincipal user) =>
            TypedResults.Ok(new TestResponse("Hello, World!", user.FindFirstValue(TokenClaims.Email)))).WithSummary("Say hello");
        return group;
    }

    private static async Task<Results<Created<LoginResponse>, BadRequest<FieldErrors>>> JoinAsync(
        JsonRequest<JoinRequest> request, HttpContext http, UserAccounts accounts, TokenService tokens, AuthCookies cookies, IOptions<JwtOptions> jwt)
    {
        var (email, password1, password2) = (request.Value.Email, request.Value.Password1, request.Value.Password2);
        var user = new AppUser { Email = email };
        request.Value.Profile.ApplyTo(user);

        if (password1 != password2)
        {
            return ApiResults.NonField("The two password fields didn't match.");
        }

        if (PasswordRules.CheckSimilarity(password1!, email!, user.FirstName, user.LastName) is { } similar)
        {
            return ApiResults.NonField(similar);
        }

        if (!await accounts.CreateAsync(user, password1!, http.RequestAborted))
        {
            var duplicate = new FieldErrors();
            duplicate.Add("email", UserAccounts.DuplicateEmail);
            return duplicate.ToResult();
        }

        var issued = await tokens.StartSessionAsync(user, http.RequestAborted);
        cookies.Write(http, issued);
        return TypedResults.Created((string?)null, LoginBody(issued, user, jwt.Value));
    }

    private static async Task<Results<Ok<LoginResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> LoginAsync(
        JsonRequest<LoginRequest> request, HttpContext http, UserManager<AppUser> users, PasswordHashing hashing, LoginThrottling throttling,
        TokenService tokens, AuthCookies cookies, AppDbContext db, WriteGate writes, TimeProvider time, IOptions<JwtOptions> jwt,
        ILogger<TokenService> logger)
    {
        var (email, password) = request.Value;
        if (string.IsNullOrEmpty(email))
        {
            return ApiResults.NonField("Must include \"email\" and \"password\".");
        }

        var normalizedEmail = users.NormalizeEmail(EmailAddress.Normalize(email));
        if (await throttling.BeginAttemptAsync(normalizedEmail, http.RequestAborted) is { } wait)
        {
            RetryAfter.Set(http.Response, wait);
            return ApiResults.Detail(LockedOut, StatusCodes.Status429TooManyRequests);
        }

        var user = await users.FindByEmailAsync(EmailAddress.Normalize(email));
        var verification = await hashing.VerifyAsync(user?.PasswordHash, password!, http.RequestAborted);
        if (user is null || !user.IsActive || verification == PasswordVerificationResult.Failed)
        {
            logger.LogWarning("Failed login for {Account} from {RemoteIp}.",
                user is null ? "an unknown email" : $"user {user.Id}", http.Connection.RemoteIpAddress);
            return ApiResults.NonField(InvalidCredentials);
        }

        var verifiedStamp = user.SecurityStamp;
        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = await hashing.HashAsync(password!, http.RequestAborted);
        }

        // One write transaction: clear the failure count, record the login, start the session. It first checks that
        // the password was not changed (nor the account deactivated) while bcrypt ran, which would end this session.
        IssuedTokens issued;
        using (await writes.EnterAsync(http.RequestAborted))
        await using (var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted))
        {
            if (!await db.Users.AnyAsync(u => u.Id == user.Id && u.IsActive && u.SecurityStamp == verifiedStamp, http.RequestAborted))
            {
                return ApiResults.NonField(InvalidCredentials);
            }

            await throttling.SucceededAsync(normalizedEmail, http.RequestAborted);
            user.LastLogin = time.GetUtcNow().UtcDateTime;
            issued = await tokens.StartSessionAsync(user, http.RequestAborted);
            await transaction.CommitAsync(http.RequestAborted);
        }

        cookies.Write(http, issued);
        logger.LogInformation("User {UserId} logged in from {RemoteIp}.", user.Id, http.Connection.RemoteIpAddress);
        return TypedResults.Ok(LoginBody(issued, user, jwt.Value));
    }

    private static async Task<Results<Ok<RefreshResponse>, JsonHttpResult<TokenErrorResponse>>> RefreshAsync(
        JsonRequest<RefreshRequest> request, HttpContext http, TokenService tokens, AuthCookies cookies, IOptions<JwtOptions> jwt)
    {
        var fromBody = request.Value.Refresh is not null;
        var token = request.Value.Refresh ?? http.Request.Cookies[AuthCookieNames.Refresh];
        if (string.IsNullOrEmpty(token))
        {
            return TokenError("No valid refresh token found.");
        }

        var result = await tokens.RefreshAsync(token, http.RequestAborted);
        if (result.Tokens is not { } issued)
        {
            if (!fromBody)
            {
                cookies.Delete(http);
            }

            return TokenError(result.Error!);
        }

        cookies.Write(http, issued);
        return TypedResults.Ok(new RefreshResponse(
            issued.AccessToken,
            DrfFormat.DateTime(issued.AccessExpiresAt),
            jwt.Value.ReturnRefreshTokenInBody ? issued.RefreshToken : null));
    }

    private static async Task<Results<Ok<EmptyResponse>, JsonHttpResult<TokenErrorResponse>>> VerifyAsync(
        JsonRequest<VerifyRequest> request, HttpContext http, TokenService tokens, SessionGuard guard)
    {
        var token = request.Value.Token;
        var (claims, problem) = await tokens.ValidateAsync(token, TokenTypes.Access);
        if (claims is null)
        {
            return TokenError(problem!);
        }

        return await guard.IsActiveAsync(http.RequestServices, claims.FindFirstValue(TokenClaims.SessionId)!, http.RequestAborted)
            ? TypedResults.Ok(new EmptyResponse())
            : TokenError(TokenService.InvalidOrExpired);
    }

    private static async Task<Ok<DetailResponse>> LogoutAsync(
        JsonRequest<LogoutRequest> request, HttpContext http, TokenService tokens, AuthCookies cookies)
    {
        var token = request.Value.Refresh;
        await SignOutAsync(http, tokens, cookies, token);
        return TypedResults.Ok(new DetailResponse("Successfully logged out."));
    }

    // Ends the session named by the refresh token (body or cookie) or by the request's own access token.
    internal static async Task SignOutAsync(HttpContext http, TokenService tokens, AuthCookies cookies, string? bodyRefreshToken)
    {
        foreach (var refresh in new[] { bodyRefreshToken, http.Request.Cookies[AuthCookieNames.Refresh] })
        {
            if (!string.IsNullOrEmpty(refresh))
            {
                await tokens.RevokeSessionAsync(refresh, http.RequestAborted);
            }
        }

        var authenticated = await http.AuthenticateAsync();
        if (authenticated.Principal?.SessionId() is { } sessionId)
        {
            await tokens.RevokeSessionByIdAsync(sessionId, http.RequestAborted);
        }

        cookies.Delete(http);
    }

    private static async Task<Results<Ok<UserDetails>, JsonHttpResult<DetailResponse>>> GetUserAsync(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.FindByIdAsync(principal.UserId().ToString(CultureInfo.InvariantCulture));
        return user is null ? ApiResults.Detail("Not found.", StatusCodes.Status404NotFound) : TypedResults.Ok(UserDetails.From(user));
    }

    private static async Task<Results<Ok<UserDetails>, JsonHttpResult<DetailResponse>>> UpdateUserAsync(
        JsonRequest<ProfileChangesRequest> request, HttpContext http, ClaimsPrincipal principal, AppDbContext db)
    {
        var user = await db.Users.FindAsync([principal.UserId()], http.RequestAborted);
        if (user is null)
        {
            return ApiResults.Detail("Not found.", StatusCodes.Status404NotFound);
        }

        request.Value.ApplyTo(user);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(UserDetails.From(user));
    }

    private static async Task<Results<Ok<PasswordChangedResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> ChangePasswordAsync(
        JsonRequest<ChangePasswordRequest> request, HttpContext http, ClaimsPrincipal principal, AppDbContext db, PasswordHashing hashing, UserAccounts accounts,
        LoginThrottling throttling, TokenService tokens, AuthCookies cookies, IOptions<JwtOptions> jwt)
    {
        var (oldPassword, password1, password2) = request.Value;
        var user = await db.Users.FindAsync([principal.UserId()], http.RequestAborted);
        if (user is null)
        {
            return ApiResults.Detail("Not found.", StatusCodes.Status404NotFound);
        }

        // Guesses at the current password count towards the same lockout as logins: a stolen token is no oracle.
        var normalizedEmail = user.NormalizedEmail!;
        if (await throttling.BeginAttemptAsync(normalizedEmail, http.RequestAborted) is { } wait)
        {
            RetryAfter.Set(http.Response, wait);
            return ApiResults.Detail(LockedOut, StatusCodes.Status429TooManyRequests);
        }

        if (await hashing.VerifyAsync(user.PasswordHash, oldPassword!, http.RequestAborted) == PasswordVerificationResult.Failed)
        {
            var wrong = new FieldErrors();
            wrong.Add("old_password", "Your old password was entered incorrectly. Please enter it again.");
            return wrong.ToResult();
        }

        await throttling.SucceededAsync(normalizedEmail, http.RequestAborted);

        if (password1 != password2)
        {
            var mismatch = new FieldErrors();
            mismatch.Add("new_password2", "The two password fields didn\u2019t match.");
            return mismatch.ToResult();
        }

        var problems = UserAccounts.CheckPassword(password1!, user.Email!, user.FirstName, user.LastName);
        if (problems.Count > 0)
        {
            var weak = new FieldErrors();
            weak.Add("new_password2", problems);
            return weak.ToResult();
        }

        // Every session ends, this one included; this client continues in a fresh session.
        await accounts.SetPasswordAsync(user, password1!, keepSessionId: null, http.RequestAborted);
        var issued = await tokens.StartSessionAsync(user, http.RequestAborted);
        cookies.Write(http, issued);
        return TypedResults.Ok(new PasswordChangedResponse(
            "New password has been saved.", issued.AccessToken, jwt.Value.ReturnRefreshTokenInBody ? issued.RefreshToken : ""));
    }

    private static LoginResponse LoginBody(IssuedTokens issued, AppUser user, JwtOptions options) =>
        new(issued.AccessToken, options.ReturnRefreshTokenInBody ? issued.RefreshToken : "", UserDetails.From(user));

    private static JsonHttpResult<TokenErrorResponse> TokenError(string detail) =>
        TypedResults.Json(new TokenErrorResponse(detail, "token_not_valid"), statusCode: StatusCodes.Status401Unauthorized);

}
