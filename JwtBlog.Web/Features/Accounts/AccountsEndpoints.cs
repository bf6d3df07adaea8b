using System.Globalization;
using System.Security.Claims;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// The original's /accounts/ API (dj-rest-auth + simplejwt), with its flaws fixed.
public static class AccountsEndpoints
{
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
            .Produces<TokenErrorResponse>(StatusCodes.Status401Unauthorized).ProducesDetail(StatusCodes.Status429TooManyRequests);
        group.MapPost("/token/verify/", VerifyAsync).WithSummary("Check an access token")
            .Produces<TokenErrorResponse>(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout/", LogoutAsync).WithSummary("Log out").DisableCsrfCheck();

        var signedIn = group.MapGroup("").RequireAuthorization();
        signedIn.MapGet("/user/", GetUserAsync).WithSummary("Read your profile").ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapMethods("/user/", [HttpMethods.Put, HttpMethods.Patch], UpdateUserAsync).WithSummary("Change your profile").ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapPost("/password/change/", ChangePasswordAsync).WithSummary("Change your password").RequireRecentAuthentication()
            .ProducesDetail(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        signedIn.MapGet("/test/", (ClaimsPrincipal user) =>
            TypedResults.Ok(new TestResponse("Hello, World!", user.FindFirstValue(TokenClaims.Email)))).WithSummary("Say hello");
        signedIn.MapSessionsEndpoints();
        group.MapAccountEmailEndpoints();
        group.MapSecondFactorEndpoints();
        return group;
    }

    private static async Task<Results<Created<LoginResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> JoinAsync(
        JsonRequest<JoinRequest> request, HttpContext http, SignInService signIn, AuthCookies cookies, IOptions<JwtOptions> jwt,
        IStringLocalizer<ApiText> messages)
    {
        var (email, password1, password2) = (request.Value.Email, request.Value.Password1, request.Value.Password2);
        var user = new AppUser { Email = email };
        request.Value.Profile.ApplyTo(user);

        if (password1 != password2)
        {
            return ApiResults.NonField(messages["Join.PasswordMismatch"]);
        }

        var registration = await signIn.RegisterAsync(user, password1, http.RequestAborted);
        if (registration.IsVerificationSent)
        {
            // Mandatory verification (dj-rest-auth's answer); the document declares the usual 201 body.
            return ApiResults.Detail(messages[AccountEmailEndpoints.VerificationSent], StatusCodes.Status201Created);
        }

        if (!registration.Succeeded)
        {
            var problems = new FieldErrors();
            if (registration.IsDuplicateEmail)
            {
                problems.Add("email", messages[UserAccounts.DuplicateEmail]);
            }

            // The rules on the password alone were checked with the fields; what is left is similarity to the profile.
            foreach (var problem in registration.Errors)
            {
                problems.Add(problem.Code == DjangoPasswordValidator.SimilarityCode ? FieldErrors.NonField : "password1", problem.Description);
            }

            return problems.ToResult();
        }

        cookies.Write(http, registration.Tokens);
        return TypedResults.Created((string?)null, LoginBody(registration.Tokens, user, jwt.Value));
    }

    // The 200 of a user with a second factor is {"mfa_required": true, ...} (MfaRequiredResponse); the document declares
    // the usual login answer for 200, as one status code has one schema there.
    private static async Task<Results<Ok<LoginResponse>, JsonHttpResult<MfaRequiredResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> LoginAsync(
        JsonRequest<LoginRequest> request, HttpContext http, SignInService signIn, AuthCookies cookies, IOptions<JwtOptions> jwt,
        IStringLocalizer<ApiText> messages)
    {
        var (email, password, remember) = request.Value;
        if (string.IsNullOrEmpty(email))
        {
            return ApiResults.NonField(messages["Login.MissingFields"]);
        }

        var result = await signIn.PasswordSignInAsync(email, password, remember, http.RequestAborted);
        if (result.IsLockedOut)
        {
            return LockedOutResult(http, messages, result.LockoutWait.Value);
        }

        if (result.IsEmailNotVerified)
        {
            return ApiResults.NonField(messages[AccountEmailEndpoints.NotVerified]);
        }

        if (result.RequiresSecondFactor)
        {
            return TypedResults.Json(new MfaRequiredResponse(true, result.MfaToken, result.SecondFactorMethods));
        }

        if (!result.Succeeded)
        {
            return ApiResults.NonField(messages["Login.InvalidCredentials"]);
        }

        cookies.Write(http, result.Tokens);
        return TypedResults.Ok(LoginBody(result.Tokens, result.User, jwt.Value));
    }

    private static async Task<Results<Ok<RefreshResponse>, JsonHttpResult<TokenErrorResponse>, JsonHttpResult<DetailResponse>>> RefreshAsync(
        JsonRequest<RefreshRequest> request, HttpContext http, TokenService tokens, AuthCookies cookies, IOptions<JwtOptions> jwt,
        IStringLocalizer<ApiText> messages)
    {
        var fromBody = request.Value.Refresh is not null;
        var token = request.Value.Refresh ?? AuthCookies.Read(http.Request).Refresh;
        if (string.IsNullOrEmpty(token))
        {
            return TokenError(messages["Token.NoRefreshToken"]);
        }

        var result = await tokens.RefreshAsync(token, RefreshClient.From(http), http.RequestAborted);
        if (result.RetryAfter is { } wait)
        {
            // Refused before rotation: the token is not spent and the cookies stay.
            RetryAfter.Set(http.Response, wait);
            return ApiResults.Detail(messages[ErrorMessages.TooManyRequests], StatusCodes.Status429TooManyRequests);
        }

        if (result.Tokens is not { } issued)
        {
            if (!fromBody)
            {
                cookies.Delete(http);
            }

            return TokenError(messages[TokenService.TextKey(result.Error!)]);
        }

        cookies.Write(http, issued);
        return TypedResults.Ok(new RefreshResponse(
            issued.AccessToken,
            DrfFormat.DateTime(issued.AccessExpiresAt),
            jwt.Value.ReturnRefreshTokenInBody ? issued.RefreshToken : null));
    }

    private static async Task<Results<Ok<EmptyResponse>, JsonHttpResult<TokenErrorResponse>>> VerifyAsync(
        JsonRequest<VerifyRequest> request, HttpContext http, TokenService tokens, SessionGuard guard, IStringLocalizer<ApiText> messages)
    {
        var token = request.Value.Token;
        var (claims, problem) = await tokens.ValidateAsync(token, TokenTypes.Access);
        if (claims is null)
        {
            return TokenError(messages[TokenService.TextKey(problem!)]);
        }

        // The authentication handler's rule: TokenValidator, then a live session that belongs to the token's user.
        return await guard.IsActiveAsync(claims.SessionId()!, claims.UserId(), http.RequestAborted)
            ? TypedResults.Ok(new EmptyResponse())
            : TokenError(messages[TokenService.TextKey(TokenService.InvalidOrExpired)]);
    }

    private static async Task<Ok<DetailResponse>> LogoutAsync(
        JsonRequest<LogoutRequest> request, HttpContext http, SignInService signIn, IStringLocalizer<ApiText> messages)
    {
        await signIn.SignOutAsync(http, request.Value.Refresh);
        return TypedResults.Ok(new DetailResponse(messages["Logout.Done"]));
    }

    private static async Task<Results<Ok<UserDetails>, JsonHttpResult<DetailResponse>>> GetUserAsync(
        ClaimsPrincipal principal, UserManager<AppUser> users, IStringLocalizer<ApiText> messages)
    {
        var user = await users.FindByIdAsync(principal.UserId().ToString(CultureInfo.InvariantCulture));
        return user is null ? ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound) : TypedResults.Ok(UserDetails.From(user));
    }

    private static async Task<Results<Ok<UserDetails>, JsonHttpResult<DetailResponse>>> UpdateUserAsync(
        JsonRequest<ProfileChangesRequest> request, HttpContext http, ClaimsPrincipal principal, AppDbContext db, IStringLocalizer<ApiText> messages)
    {
        var user = await db.Users.FindAsync([principal.UserId()], http.RequestAborted);
        if (user is null)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        request.Value.ApplyTo(user);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(UserDetails.From(user));
    }

    private static async Task<Results<Ok<PasswordChangedResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> ChangePasswordAsync(
        JsonRequest<ChangePasswordRequest> request, HttpContext http, ClaimsPrincipal principal, AppDbContext db, SignInService signIn,
        AuthCookies cookies, IOptions<JwtOptions> jwt, IStringLocalizer<ApiText> messages)
    {
        var (oldPassword, password1, password2) = request.Value;
        var user = await db.Users.FindAsync([principal.UserId()], http.RequestAborted);
        if (user is null)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        var change = await signIn.ChangePasswordAsync(user, oldPassword!, password1!, password2!, http.RequestAborted);
        if (change.IsLockedOut)
        {
            return LockedOutResult(http, messages, change.LockoutWait.Value);
        }

        if (!change.Succeeded)
        {
            var problems = new FieldErrors();
            if (change.IsWrongCurrentPassword)
            {
                problems.Add("old_password", messages["Password.WrongOld"]);
            }
            else if (change.IsMismatch)
            {
                problems.Add("new_password2", messages[PasswordResets.Mismatch]);
            }
            else
            {
                problems.Add("new_password2", change.Errors.Select(e => e.Description));
            }

            return problems.ToResult();
        }

        // Every session ends, this one included; this client continues in the fresh session.
        var issued = change.Tokens;
        cookies.Write(http, issued);
        return TypedResults.Ok(new PasswordChangedResponse(
            messages["Password.Saved"], issued.AccessToken, jwt.Value.ReturnRefreshTokenInBody ? issued.RefreshToken : ""));
    }

    internal static LoginResponse LoginBody(IssuedTokens issued, AppUser user, JwtOptions options) =>
        new(issued.AccessToken, options.ReturnRefreshTokenInBody ? issued.RefreshToken : "", UserDetails.From(user));

    internal static JsonHttpResult<DetailResponse> LockedOutResult(HttpContext http, IStringLocalizer<ApiText> messages, TimeSpan wait)
    {
        RetryAfter.Set(http.Response, wait);
        return ApiResults.Detail(messages["Login.LockedOut"], StatusCodes.Status429TooManyRequests);
    }

    private static JsonHttpResult<TokenErrorResponse> TokenError(string detail) =>
        TypedResults.Json(new TokenErrorResponse(detail, "token_not_valid"), statusCode: StatusCodes.Status401Unauthorized);

}
