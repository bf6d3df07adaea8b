using System.Globalization;
using System.Security.Claims;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
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

        // No CSRF header here: they authenticate nobody by cookie, and the JSON-only rule forces a CORS preflight.
        group.MapPost("/join/", JoinAsync).RequireRateLimiting(RateLimits.AuthPolicy);
        group.MapPost("/login/", LoginAsync).RequireRateLimiting(RateLimits.AuthPolicy);
        group.MapPost("/token/refresh/", RefreshAsync);
        group.MapPost("/token/verify/", VerifyAsync);
        group.MapPost("/logout/", LogoutAsync);

        var signedIn = group.MapGroup("").RequireAuthorization().RequireCsrfForCookieAuth();
        signedIn.MapGet("/user/", GetUserAsync);
        signedIn.MapMethods("/user/", [HttpMethods.Put, HttpMethods.Patch], UpdateUserAsync);
        signedIn.MapPost("/password/change/", ChangePasswordAsync);
        signedIn.MapGet("/test/", (ClaimsPrincipal user) =>
            TypedResults.Ok(new { message = "Hello, World!", user = user.FindFirstValue(TokenClaims.Email) }));
        return group;
    }

    private static async Task<IResult> JoinAsync(
        HttpContext http, UserAccounts accounts, SignInService signIn, AuthCookies cookies, TimeProvider time, IOptions<JwtOptions> jwt)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return error!;
        }

        var email = body.Text("email", maxLength: AppUser.EmailMaxLength, trim: true);
        if (email is not null && !EmailAddress.IsValid(email))
        {
            body.Errors.Add("email", EmailAddress.InvalidMessage);
        }
        else if (email is not null && await accounts.FindByEmailAsync(email) is not null)
        {
            body.Errors.Add("email", UserAccounts.DuplicateEmail);
        }

        var user = new AppUser { Email = email };
        var password1 = body.Text("password1");
        if (password1 is not null)
        {
            // The rules on the password alone belong to password1; similarity to the profile is checked once it is read.
            var problems = await accounts.ValidatePasswordAsync(user, password1);
            body.Errors.Add("password1", problems.Where(e => e.Code != DjangoPasswordValidator.SimilarityCode).Select(e => e.Description));
        }

        var password2 = body.Text("password2");
        ReadProfile(body, user, time);
        if (body.Errors.Any)
        {
            return body.Errors.ToResult();
        }

        if (password1 != password2)
        {
            return ApiResults.NonField("The two password fields didn't match.");
        }

        var registration = await signIn.RegisterAsync(user, password1!, http.RequestAborted);
        if (!registration.Succeeded)
        {
            var problems = new FieldErrors();
            if (registration.IsDuplicateEmail)
            {
                problems.Add("email", UserAccounts.DuplicateEmail);
            }

            foreach (var problem in registration.Errors)
            {
                problems.Add(problem.Code == DjangoPasswordValidator.SimilarityCode ? FieldErrors.NonField : "password1", problem.Description);
            }

            return problems.ToResult();
        }

        var issued = registration.Tokens;
        cookies.Write(http, issued);
        return TypedResults.Json(LoginBody(issued, user, jwt.Value), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, SignInService signIn, AuthCookies cookies, IOptions<JwtOptions> jwt)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return error!;
        }

        var email = body.Text("email", required: false, allowBlank: true, maxLength: AppUser.EmailMaxLength, trim: true);
        if (!string.IsNullOrEmpty(email) && !EmailAddress.IsValid(email))
        {
            body.Errors.Add("email", EmailAddress.InvalidMessage);
        }

        var password = body.Text("password", maxLength: 4 * PasswordRules.MaximumLength);
        if (body.Errors.Any)
        {
            return body.Errors.ToResult();
        }

        if (string.IsNullOrEmpty(email))
        {
            return ApiResults.NonField("Must include \"email\" and \"password\".");
        }

        var result = await signIn.PasswordSignInAsync(email, password!, http.RequestAborted);
        if (result.IsLockedOut)
        {
            return LockedOutResult(http, result.LockoutWait.Value);
        }

        if (!result.Succeeded)
        {
            return ApiResults.NonField(InvalidCredentials);
        }

        cookies.Write(http, result.Tokens);
        return TypedResults.Ok(LoginBody(result.Tokens, result.User, jwt.Value));
    }

    private static async Task<IResult> RefreshAsync(
        HttpContext http, TokenService tokens, AuthCookies cookies, RefreshRateLimit limit, IOptions<JwtOptions> jwt)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return error!;
        }

        var fromBody = jwt.Value.ReturnRefreshTokenInBody && body.Has("refresh");
        var token = fromBody ? body.Text("refresh") : AuthCookies.Read(http.Request).Refresh;
        if (body.Errors.Any)
        {
            return body.Errors.ToResult();
        }

        if (string.IsNullOrEmpty(token))
        {
            return TokenError("No valid refresh token found.");
        }

        // Refused before rotation: the token is not spent and the cookies stay.
        if ((await tokens.ValidateAsync(token, TokenTypes.Refresh)).Claims?.SessionId() is { } sessionId
            && !limit.TryAcquire(sessionId, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ApiResults.Detail("Too many requests. Try again later.", StatusCodes.Status429TooManyRequests);
        }

        var result = await tokens.RefreshAsync(token, RefreshClient.From(http), http.RequestAborted);
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
            issued.AccessExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            jwt.Value.ReturnRefreshTokenInBody ? issued.RefreshToken : null));
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, TokenService tokens, SessionGuard guard)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return error!;
        }

        var token = body.Text("token");
        if (body.Errors.Any)
        {
            return body.Errors.ToResult();
        }

        var (claims, problem) = await tokens.ValidateAsync(token!, TokenTypes.Access);
        if (claims is null)
        {
            return TokenError(problem!);
        }

        // The authentication handler's rule: TokenValidator, then a live session that belongs to the token's user.
        return await guard.IsActiveAsync(claims.SessionId()!, claims.UserId(), http.RequestAborted)
            ? TypedResults.Ok(new { })
            : TokenError(TokenService.InvalidOrExpired);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SignInService signIn)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return error!;
        }

        var token = body.Has("refresh") ? body.Text("refresh", allowBlank: true) : null;
        await signIn.SignOutAsync(http, token);
        return ApiResults.Detail("Successfully logged out.", StatusCodes.Status200OK);
    }

    private static async Task<IResult> GetUserAsync(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.FindByIdAsync(principal.UserId().ToString(CultureInfo.InvariantCulture));
        return user is null ? ApiResults.Detail("Not found.", StatusCodes.Status404NotFound) : TypedResults.Ok(UserDetails.From(user));
    }

    // PUT and PATCH alike: every field is optional; email, pk and the flags are read-only and ignored.
    private static async Task<IResult> UpdateUserAsync(
        HttpContext http, ClaimsPrincipal principal, AppDbContext db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return error!;
        }

        var user = await db.Users.FindAsync([principal.UserId()], http.RequestAborted);
        if (user is null)
        {
            return ApiResults.Detail("Not found.", StatusCodes.Status404NotFound);
        }

        ReadProfile(body, user, time);
        if (body.Errors.Any)
        {
            return body.Errors.ToResult();
        }

        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(UserDetails.From(user));
    }

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext http, ClaimsPrincipal principal, AppDbContext db, SignInService signIn, AuthCookies cookies, IOptions<JwtOptions> jwt)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return error!;
        }

        var oldPassword = body.Text("old_password", maxLength: 4 * PasswordRules.MaximumLength);
        var password1 = body.Text("new_password1");
        var password2 = body.Text("new_password2");
        if (body.Errors.Any)
        {
            return body.Errors.ToResult();
        }

        var user = await db.Users.FindAsync([principal.UserId()], http.RequestAborted);
        if (user is null)
        {
            return ApiResults.Detail("Not found.", StatusCodes.Status404NotFound);
        }

        var change = await signIn.ChangePasswordAsync(user, oldPassword!, password1!, password2!, http.RequestAborted);
        if (change.IsLockedOut)
        {
            return LockedOutResult(http, change.LockoutWait.Value);
        }

        if (!change.Succeeded)
        {
            var problems = new FieldErrors();
            if (change.IsWrongCurrentPassword)
            {
                problems.Add("old_password", "Your old password was entered incorrectly. Please enter it again.");
            }
            else if (change.IsMismatch)
            {
                problems.Add("new_password2", "The two password fields didn\u2019t match.");
            }
            else
            {
                problems.Add("new_password2", change.Errors.Select(e => e.Description));
            }

            return problems.ToResult();
        }

        var issued = change.Tokens;
        cookies.Write(http, issued);
        return TypedResults.Ok(new PasswordChangedResponse(
            "New password has been saved.", issued.AccessToken, jwt.Value.ReturnRefreshTokenInBody ? issued.RefreshToken : ""));
    }

    // first_name, last_name, gender and date_of_birth, each optional; errors are collected in body.Errors.
    private static void ReadProfile(JsonBody body, AppUser user, TimeProvider time)
    {
        if (body.Has("first_name") && body.Text("first_name", allowBlank: true, maxLength: AppUser.NameMaxLength) is { } first)
        {
            user.FirstName = first;
        }

        if (body.Has("last_name") && body.Text("last_name", allowBlank: true, maxLength: AppUser.NameMaxLength) is { } last)
        {
            user.LastName = last;
        }

        if (body.Has("gender") && body.Text("gender", allowBlank: true) is { } gender)
        {
            if (Genders.All.Contains(gender))
            {
                user.Gender = gender;
            }
            else
            {
                body.Errors.Add("gender", $"\"{gender}\" is not a valid choice.");
            }
        }

        var (present, dateOfBirth) = body.Date("date_of_birth");
        if (present && !body.Errors.Has("date_of_birth"))
        {
            if (dateOfBirth > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
            {
                body.Errors.Add("date_of_birth", "Date of birth cannot be in the future.");
            }
            else
            {
                user.DateOfBirth = dateOfBirth;
            }
        }
    }

    private static LoginResponse LoginBody(IssuedTokens issued, AppUser user, JwtOptions options) =>
        new(issued.AccessToken, options.ReturnRefreshTokenInBody ? issued.RefreshToken : "", UserDetails.From(user));

    private static IResult LockedOutResult(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return ApiResults.Detail(LockedOut, StatusCodes.Status429TooManyRequests);
    }

    private static IResult TokenError(string detail) =>
        TypedResults.Json(new TokenErrorResponse(detail, "token_not_valid"), statusCode: StatusCodes.Status401Unauthorized);

    private sealed record TokenErrorResponse(string Detail, string Code);

    private sealed record RefreshResponse(
        string Access,
        string AccessTokenExpiration,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Refresh);

    private sealed record PasswordChangedResponse(string Detail, string AccessToken, string RefreshToken);
}
