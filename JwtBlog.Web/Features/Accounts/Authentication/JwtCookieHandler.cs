using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// Decides who the caller is. The Bearer header first, else the my-app-auth cookie (dj-rest-auth's precedence); the
// token is judged by TokenValidator and its session by SessionGuard. A page request whose access cookie is missing or
// dead but whose refresh cookie is good is served as that user and answered with rotated cookies (silent refresh);
// parallel tabs presenting the same refresh cookie get the same successor through the rotation's grace window.
// The result's properties say where the token came from (CredentialSource), for the CSRF check.
public sealed class JwtCookieHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenValidator validator,
    ValidatedTokens remembered,
    SessionGuard guard,
    AuthCookies cookies) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "JwtCookie";
    private const string BadAuthorizationHeader = "Authorization header must contain two space-delimited values";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase)
            && (authorization.Length == 6 || authorization[6] == ' '))
        {
            var parts = authorization.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2
                ? await AuthenticateAsync(parts[1], CredentialSource.Header)
                : AuthenticateResult.Fail(BadAuthorizationHeader);
        }

        // Another scheme in Authorization counts as no header, as in DRF; the cookies decide.
        var (access, refresh, duplicated) = AuthCookies.Read(Request);
        if (duplicated)
        {
            JwtCookieLog.DuplicatedAuthCookie(Logger);
        }

        if (refresh is not null && IsPageRequest() && !Request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            if (access is not null && await AuthenticateAsync(access, CredentialSource.Cookie) is { Succeeded: true } current)
            {
                return current;
            }

            return await RefreshSilentlyAsync(refresh);
        }

        return access is null ? AuthenticateResult.NoResult() : await AuthenticateAsync(access, CredentialSource.Cookie);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!Context.IsApiEndpoint())
        {
            var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
            Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
            return;
        }

        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"api\"";
        if (failure is null)
        {
            await Response.WriteAsJsonAsync(new DetailResponse(Messages["Detail.NotAuthenticated"]));
            return;
        }

        var error = failure.Message == BadAuthorizationHeader
            ? new AuthError(Messages["Token.BadAuthorizationHeader"], "bad_authorization_header")
            : InvalidToken(Messages, failure.Message);
        await Response.WriteAsJsonAsync(error);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        if (Context.IsApiEndpoint())
        {
            await Response.WriteAsJsonAsync(new DetailResponse(Messages["Detail.PermissionDenied"]));
        }
    }

    // A signed, unexpired token is not enough: it must be an access token of a live session of its own, active user.
    private async Task<AuthenticateResult> AuthenticateAsync(string token, string source)
    {
        var validated = remembered.Find(token);
        if (validated is null)
        {
            (validated, var error) = await validator.ValidateAsync(token, TokenTypes.Access);
            if (validated is null)
            {
                return AuthenticateResult.Fail(error!);
            }

            remembered.Remember(token, validated);
        }

        if (!await guard.IsActiveAsync(validated.SessionId, validated.UserId, Context.RequestAborted))
        {
            return AuthenticateResult.Fail(TokenService.InvalidOrExpired);
        }

        var properties = new AuthenticationProperties();
        properties.Items[CredentialSource.PropertyName] = source;
        return AuthenticateResult.Success(new AuthenticationTicket(validated.ToPrincipal(Scheme.Name), properties, Scheme.Name));
    }

    private async Task<AuthenticateResult> RefreshSilentlyAsync(string refreshToken)
    {
        var tokens = Context.RequestServices.GetRequiredService<TokenService>();
        var result = await tokens.RefreshAsync(refreshToken, RefreshClient.From(Context), Context.RequestAborted);
        if (result.RetryAfter is not null)
        {
            // Too many rotations for this session in a minute: this page is served signed out, the cookies are kept.
            return AuthenticateResult.NoResult();
        }

        if (result.Tokens is not { } issued)
        {
            JwtCookieLog.SilentRefreshRefused(Logger, result.Error!);
            cookies.Delete(Context);
            return AuthenticateResult.NoResult();
        }

        cookies.Write(Context, issued);
        return await AuthenticateAsync(issued.AccessToken, CredentialSource.Cookie);
    }

    private bool IsPageRequest() => Context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null;

    // The API's messages in the request's language (the handler is created per request).
    private IStringLocalizer<ApiText> Messages => Context.RequestServices.GetRequiredService<IStringLocalizer<ApiText>>();

    private static AuthError InvalidToken(IStringLocalizer<ApiText> messages, string problem) => new(
        messages["Token.NotValidForAnyType"],
        "token_not_valid",
        [new TokenMessage("AccessToken", TokenTypes.Access, messages[TokenService.TextKey(problem)])]);

    private sealed record AuthError(
        string Detail,
        string Code,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TokenMessage[]? Messages = null);

    private sealed record TokenMessage(string TokenClass, string TokenType, string Message);
}
