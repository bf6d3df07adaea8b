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

// Password reset (dj-rest-auth), address verification (allauth) and change of address, under /accounts/.
public static class AccountEmailEndpoints
{
    public const string NotVerified = "Login.NotVerified";
    public const string VerificationSent = "Verification.Sent";

    public static void MapAccountEmailEndpoints(this RouteGroupBuilder group)
    {
        // The CSRF check applies as everywhere: it only asks a caller signed in by cookie, and the pages send the header.
        group.MapPost("/password/reset/", RequestPasswordResetAsync).WithSummary("Email a password reset link")
            .RequireRateLimiting(RateLimits.EmailPolicy).ProducesDetail(StatusCodes.Status429TooManyRequests);
        group.MapPost("/password/reset/confirm/", ConfirmPasswordResetAsync).WithSummary("Set a new password with an emailed token")
            .RequireRateLimiting(RateLimits.AuthPolicy)
            .ProducesDetail(StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/join/verify-email/", VerifyEmailAsync).WithSummary("Confirm an address with an emailed key")
            .RequireRateLimiting(RateLimits.EmailPolicy)
            .ProducesDetail(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
        group.MapPost("/join/resend-email/", ResendEmailAsync).WithSummary("Send the verification email again")
            .RequireRateLimiting(RateLimits.EmailPolicy).ProducesDetail(StatusCodes.Status429TooManyRequests);
        group.MapPost("/email/change/cancel/", CancelEmailChangeAsync).WithSummary("Cancel a change of address from the old address")
            .RequireRateLimiting(RateLimits.EmailPolicy)
            .ProducesDetail(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
        group.MapPost("/email/change/", RequestEmailChangeAsync).WithSummary("Change your e-mail address").RequireAuthorization().RequireRecentAuthentication()
            .RequireRateLimiting(RateLimits.EmailPolicy)
            .ProducesDetail(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
    }

    // The same answer, headers and work for every well-formed address: the request is stored (so no acknowledged request
    // is lost) and the lookup happens after the answer.
    private static async Task<Results<Ok<DetailResponse>, JsonHttpResult<DetailResponse>>> RequestPasswordResetAsync(
        JsonRequest<PasswordResetRequest> request, HttpContext http, UserManager<AppUser> users, AddressMailLimits limits,
        AppDbContext db, PasswordResetQueue queue, PublicUrls urls, TimeProvider time, IStringLocalizer<ApiText> messages)
    {
        var email = request.Value.Email;
        if (await limits.TryTakeAsync(users.NormalizeEmail(EmailAddress.Normalize(email)), http.RequestAborted) is { } wait)
        {
            return TooMany(http, messages, wait);
        }

        var stored = new PendingPasswordReset
        {
            Email = email,
            LinkBase = urls.For(http.Request, "/password/reset/"),
            RequestedAt = time.GetUtcNow().UtcDateTime,
            Language = SiteLanguages.Current,
        };
        db.PendingPasswordResets.Add(stored);
        await db.InWriteTransactionAsync(token => db.SaveChangesAsync(token), http.RequestAborted);
        queue.Enqueue(new PasswordResetJob(stored.Id, stored.Email, stored.LinkBase, stored.Language));
        return TypedResults.Ok(new DetailResponse(messages["Reset.Sent"]));
    }

    private static async Task<Results<Ok<DetailResponse>, BadRequest<FieldErrors>>> ConfirmPasswordResetAsync(
        JsonRequest<PasswordResetConfirmRequest> request, HttpContext http, PasswordResets resets, IStringLocalizer<ApiText> messages)
    {
        var (uid, token, password1, password2) = request.Value;
        var errors = await resets.ConfirmAsync(uid, token, password1, password2, http.RequestAborted);
        return errors.Any ? errors.ToResult() : TypedResults.Ok(new DetailResponse(messages["Reset.Done"]));
    }

    private static async Task<Results<Ok<DetailResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> VerifyEmailAsync(
        JsonRequest<EmailKeyRequest> request, HttpContext http, EmailVerification verification, IStringLocalizer<ApiText> messages)
    {
        return await verification.ConfirmAsync(request.Value.Key, http.RequestAborted) switch
        {
            EmailConfirmationResult.Confirmed => TypedResults.Ok(new DetailResponse("ok")),
            EmailConfirmationResult.AddressTaken => ApiResults.NonField(messages[UserAccounts.DuplicateEmail]),
            _ => ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound),
        };
    }

    private static async Task<Results<Ok<DetailResponse>, JsonHttpResult<DetailResponse>>> ResendEmailAsync(
        JsonRequest<PasswordResetRequest> request, HttpContext http, UserManager<AppUser> users, AddressMailLimits limits,
        EmailVerification verification, IOptions<AccountOptions> options, IStringLocalizer<ApiText> messages)
    {
        var address = users.NormalizeEmail(EmailAddress.Normalize(request.Value.Email));
        if (await limits.TryStartCooldownAsync("verify " + address, options.Value.VerificationEmailCooldown, http.RequestAborted) is { } cooldown)
        {
            return TooMany(http, messages, cooldown);
        }

        if (await limits.TryTakeAsync(address, http.RequestAborted) is { } wait)
        {
            return TooMany(http, messages, wait);
        }

        await verification.ResendAsync(request.Value.Email, http.Request, http.RequestAborted);
        return TypedResults.Ok(new DetailResponse("ok"));
    }

    private static async Task<Results<Ok<DetailResponse>, JsonHttpResult<DetailResponse>>> CancelEmailChangeAsync(
        JsonRequest<EmailKeyRequest> request, HttpContext http, EmailChanges changes, IStringLocalizer<ApiText> messages) =>
        await changes.CancelAsync(request.Value.Key, http.RequestAborted)
            ? TypedResults.Ok(new DetailResponse("ok"))
            : ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<DetailResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> RequestEmailChangeAsync(
        JsonRequest<EmailChangeRequest> request, HttpContext http, ClaimsPrincipal principal, AppDbContext db, UserManager<AppUser> users,
        SignInService signIn, AddressMailLimits limits, EmailChanges changes, IStringLocalizer<ApiText> messages)
    {
        var (newEmail, password) = request.Value;
        var user = await db.Users.FindAsync([principal.UserId()], http.RequestAborted);
        if (user is null)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        var check = await signIn.CheckPasswordAsync(user, password, http.RequestAborted);
        if (check.LockoutWait is { } locked)
        {
            return TooMany(http, messages, locked);
        }

        var errors = new FieldErrors();
        if (!check.IsCorrect)
        {
            errors.Add("password", messages["Password.Incorrect"]);
            return errors.ToResult();
        }

        var normalized = users.NormalizeEmail(EmailAddress.Normalize(newEmail));
        if (normalized == user.NormalizedEmail)
        {
            errors.Add("new_email", messages[EmailChanges.SameAddress]);
        }
        else if (await users.FindByEmailAsync(newEmail) is not null)
        {
            errors.Add("new_email", messages[UserAccounts.DuplicateEmail]);
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        if (await limits.TryTakeAsync(normalized, http.RequestAborted) is { } wait)
        {
            return TooMany(http, messages, wait);
        }

        await changes.RequestAsync(user, newEmail, http.Request, http.RequestAborted);
        return TypedResults.Ok(new DetailResponse(messages[VerificationSent]));
    }

    private static JsonHttpResult<DetailResponse> TooMany(HttpContext http, IStringLocalizer<ApiText> messages, TimeSpan wait)
    {
        RetryAfter.Set(http.Response, wait);
        return ApiResults.Detail(messages[ErrorMessages.TooManyRequests], StatusCodes.Status429TooManyRequests);
    }
}
