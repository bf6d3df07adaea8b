using System.Text.Json;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

// WebAuthn passkeys: add, list, rename and remove your own; sign in with one alone (a discoverable credential, no
// email typed); re-authenticate with one. Each ceremony is two calls: options (for navigator.credentials), then the
// authenticator's answer.
public static class PasskeysEndpoints
{
    public static RouteGroupBuilder MapPasskeysEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/accounts").WithTags("Passkeys").AsApi();

        group.MapPost("/login/passkey/options/", SignInOptionsAsync).WithSummary("Start a passkey sign-in")
            .RequireRateLimiting(RateLimits.AuthPolicy).ProducesDetail(StatusCodes.Status429TooManyRequests);
        group.MapPost("/login/passkey/", SignInAsync).WithSummary("Sign in with a passkey")
            .RequireRateLimiting(RateLimits.AuthPolicy).ProducesDetail(StatusCodes.Status429TooManyRequests);

        var signedIn = group.MapGroup("").RequireAuthorization();
        signedIn.MapGet("/passkeys/", ListAsync).WithSummary("List your passkeys").ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapPost("/passkeys/options/", RegistrationOptionsAsync).WithSummary("Start adding a passkey").RequireRecentAuthentication().ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapPost("/passkeys/", AddAsync).WithSummary("Add a passkey").RequireRecentAuthentication().ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapPatch("/passkeys/{id}/", RenameAsync).WithSummary("Rename a passkey").RequireRecentAuthentication().ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapDelete("/passkeys/{id}/", RemoveAsync).WithSummary("Remove a passkey").RequireRecentAuthentication().ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapPost("/reauthenticate/passkey/options/", ReauthenticationOptionsAsync).WithSummary("Start a passkey re-authentication")
            .ProducesDetail(StatusCodes.Status404NotFound);
        signedIn.MapPost("/reauthenticate/passkey/", ReauthenticateAsync).WithSummary("Re-authenticate with a passkey")
            .ProducesDetail(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<JsonElement>> SignInOptionsAsync(HttpContext http, UserPasskeys passkeys) =>
        Options(await passkeys.BeginAssertionAsync(PasskeyCeremony.SignIn, user: null, http));

    private static async Task<Results<Ok<LoginResponse>, BadRequest<FieldErrors>>> SignInAsync(
        JsonRequest<PasskeyCredentialRequest> request, HttpContext http, UserPasskeys passkeys, SignInService signIn,
        AuthCookies cookies, IOptions<JwtOptions> jwt, IStringLocalizer<ApiText> messages)
    {
        var outcome = await passkeys.VerifyAssertionAsync(PasskeyCeremony.SignIn, user: null, request.Value.Credential, http);
        if (!outcome.Succeeded)
        {
            return ApiResults.NonField(messages[outcome.Error]);
        }

        if (outcome.User is not { } user || await signIn.PasskeySignInAsync(user, outcome.Passkey, http.RequestAborted) is not { } issued)
        {
            return ApiResults.NonField(messages[UserPasskeys.NotVerified]);
        }

        cookies.Write(http, issued);
        return TypedResults.Ok(AccountsEndpoints.LoginBody(issued, user, jwt.Value));
    }

    private static async Task<Results<Ok<IReadOnlyList<PasskeyView>>, JsonHttpResult<DetailResponse>>> ListAsync(
        CurrentUser current, UserPasskeys passkeys, IStringLocalizer<ApiText> messages) =>
        await current.GetAsync() is { } user ? TypedResults.Ok(await passkeys.ListAsync(user)) : ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<JsonElement>, JsonHttpResult<DetailResponse>>> RegistrationOptionsAsync(
        HttpContext http, CurrentUser current, UserPasskeys passkeys, IStringLocalizer<ApiText> messages) =>
        await current.GetAsync() is { } user
            ? Options(await passkeys.BeginRegistrationAsync(user, http))
            : ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);

    private static async Task<Results<Created<PasskeyView>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> AddAsync(
        JsonRequest<NewPasskeyRequest> request, HttpContext http, CurrentUser current, UserPasskeys passkeys,
        IStringLocalizer<ApiText> messages)
    {
        if (await current.GetAsync() is not { } user)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        var outcome = await passkeys.CompleteRegistrationAsync(user, request.Value.Credential, request.Value.Name, http);
        if (!outcome.Succeeded)
        {
            return ApiResults.NonField(messages[outcome.Error]);
        }

        var view = PasskeyView.From(outcome.Passkey);
        return TypedResults.Created($"/accounts/passkeys/{view.Id}/", view);
    }

    private static async Task<Results<Ok<PasskeyView>, JsonHttpResult<DetailResponse>>> RenameAsync(
        string id, JsonRequest<RenamePasskeyRequest> request, CurrentUser current, UserPasskeys passkeys, IStringLocalizer<ApiText> messages) =>
        await current.GetAsync() is { } user && await passkeys.RenameAsync(user, id, request.Value.Name) is { } renamed
            ? TypedResults.Ok(renamed)
            : ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, JsonHttpResult<DetailResponse>>> RemoveAsync(
        string id, CurrentUser current, UserPasskeys passkeys, IStringLocalizer<ApiText> messages) =>
        await current.GetAsync() is { } user && await passkeys.RemoveAsync(user, id)
            ? TypedResults.NoContent()
            : ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<JsonElement>, JsonHttpResult<DetailResponse>>> ReauthenticationOptionsAsync(
        HttpContext http, CurrentUser current, UserPasskeys passkeys, IStringLocalizer<ApiText> messages) =>
        await current.GetAsync() is { } user
            ? Options(await passkeys.BeginAssertionAsync(PasskeyCeremony.Reauthentication, user, http))
            : ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<RefreshResponse>, BadRequest<FieldErrors>, JsonHttpResult<DetailResponse>>> ReauthenticateAsync(
        JsonRequest<PasskeyCredentialRequest> request, HttpContext http, CurrentUser current, UserPasskeys passkeys, SignInService signIn,
        AuthCookies cookies, IOptions<JwtOptions> jwt, IStringLocalizer<ApiText> messages)
    {
        if (await current.GetAsync() is not { } user || http.User.SessionId() is not { } sessionId)
        {
            return ApiResults.Detail(messages["Detail.NotFound"], StatusCodes.Status404NotFound);
        }

        var outcome = await passkeys.VerifyAssertionAsync(PasskeyCeremony.Reauthentication, user, request.Value.Credential, http);
        if (!outcome.Succeeded)
        {
            return ApiResults.NonField(messages[outcome.Error]);
        }

        if (await signIn.ReauthenticateWithPasskeyAsync(sessionId, user, outcome.Passkey, http.RequestAborted) is not { } issued)
        {
            return ApiResults.Detail(messages["Detail.SessionEnded"], StatusCodes.Status401Unauthorized);
        }

        cookies.Write(http, issued);
        return TypedResults.Ok(new RefreshResponse(
            issued.AccessToken,
            DrfFormat.DateTime(issued.AccessExpiresAt),
            jwt.Value.ReturnRefreshTokenInBody ? issued.RefreshToken : null));
    }

    private static Ok<JsonElement> Options(string optionsJson)
    {
        using var document = JsonDocument.Parse(optionsJson);
        return TypedResults.Ok(document.RootElement.Clone());
    }
}
