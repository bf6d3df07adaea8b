using System.Security.Claims;
using System.Text.Json.Serialization;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;

namespace JwtBlog.Web.Features.Accounts;

public static class JwtCookieAuthentication
{
    // Where the request's access token came from; cookie-authenticated writes must carry the CSRF header.
    private const string FromCookieKey = "jwtblog.auth-from-cookie";
    private const string AuthErrorKey = "jwtblog.auth-error";

    // Set by the silent page refresh: the freshly issued access token stands in for the stale cookie.
    internal const string RefreshedAccessTokenKey = "jwtblog.refreshed-access-token";

    public static bool IsAuthenticatedByCookie(this HttpContext context) => context.Items.ContainsKey(FromCookieKey);

    public static int UserId(this ClaimsPrincipal user) =>
        int.Parse(user.FindFirstValue(TokenClaims.UserId)!, System.Globalization.CultureInfo.InvariantCulture);

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(TokenClaims.SessionId);

    public static WebApplicationBuilder AddJwtCookieAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JwtOptions>()
            .BindConfiguration(JwtOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, SigningKey.Validation>();
        services.AddSingleton<SigningKey>();
        services.AddSingleton<SessionGuard>();
        services.AddSingleton<ValidatedTokens>();
        services.AddSingleton<AuthCookies>();
        services.AddScoped<TokenService>();
        services.AddMemoryCache();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, SigningKey, TimeProvider>((bearer, jwt, key, time) =>
            {
                bearer.MapInboundClaims = false;
                bearer.IncludeErrorDetails = false;
                bearer.TokenValidationParameters = TokenService.CreateValidationParameters(jwt.Value, key, time);
                bearer.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ReadToken,
                    OnTokenValidated = CheckSession,
                    OnChallenge = Challenge,
                    OnForbidden = Forbid,
                };
            });

        services.AddAuthorization();
        return builder;
    }

    // Authorization: Bearer first; without that header, the my-app-auth cookie (dj-rest-auth's precedence).
    private static async Task ReadToken(MessageReceivedContext context)
    {
        if (PickToken(context) is not { } token)
        {
            context.NoResult();
            return;
        }

        context.Token = token;
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<ValidatedTokens>().Find(token) is { } principal)
        {
            if (await http.RequestServices.GetRequiredService<SessionGuard>()
                    .IsActiveAsync(http.RequestServices, principal.SessionId()!, http.RequestAborted))
            {
                context.Principal = principal;
                context.Success();
            }
            else
            {
                context.Fail(TokenService.InvalidOrExpired);
            }
        }
    }

    private static string? PickToken(MessageReceivedContext context)
    {
        var http = context.HttpContext;
        string authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase)
            && (authorization.Length == 6 || authorization[6] == ' '))
        {
            var parts = authorization.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                http.Items[AuthErrorKey] = new AuthError(
                    "Authorization header must contain two space-delimited values", "bad_authorization_header");
                return null;
            }

            return parts[1];
        }

        var cookieToken = http.Items[RefreshedAccessTokenKey] as string ?? http.Request.Cookies[AuthCookieNames.Access];
        if (string.IsNullOrEmpty(cookieToken))
        {
            return null;
        }

        http.Items[FromCookieKey] = true;
        return cookieToken;
    }

    // A signed, unexpired token is not enough: it must be an access token of a live session of an active user.
    private static async Task CheckSession(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var http = context.HttpContext;
        if (principal.FindFirstValue(TokenClaims.TokenType) != TokenTypes.Access)
        {
            http.Items[AuthErrorKey] = InvalidToken(TokenService.WrongType);
            context.Fail(TokenService.WrongType);
            return;
        }

        var sessionId = principal.SessionId();
        var guard = http.RequestServices.GetRequiredService<SessionGuard>();
        if (sessionId is null || !int.TryParse(principal.FindFirstValue(TokenClaims.UserId), out _)
            || !await guard.IsActiveAsync(http.RequestServices, sessionId, http.RequestAborted))
        {
            context.Fail(TokenService.InvalidOrExpired);
            return;
        }

        if (context.SecurityToken is JsonWebToken token)
        {
            http.RequestServices.GetRequiredService<ValidatedTokens>().Remember(token.EncodedToken, principal, token.ValidTo);
        }
    }

    private static async Task Challenge(JwtBearerChallengeContext context)
    {
        var http = context.HttpContext;
        context.HandleResponse();
        if (!http.IsApiEndpoint())
        {
            var returnUrl = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
            http.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
            return;
        }

        var error = http.Items[AuthErrorKey] as AuthError
            ?? (context.AuthenticateFailure is not null ? InvalidToken(TokenService.InvalidOrExpired) : null);
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"api\"";
        if (error is null)
        {
            await http.Response.WriteAsJsonAsync(new DetailResponse("Authentication credentials were not provided."));
        }
        else
        {
            await http.Response.WriteAsJsonAsync(error);
        }
    }

    private static async Task Forbid(ForbiddenContext context)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (http.IsApiEndpoint())
        {
            await http.Response.WriteAsJsonAsync(new DetailResponse("You do not have permission to perform this action."));
        }
    }

    private static AuthError InvalidToken(string message) => new(
        "Given token not valid for any token type",
        "token_not_valid",
        [new TokenMessage("AccessToken", TokenTypes.Access, message)]);

    private sealed record AuthError(
        string Detail,
        string Code,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TokenMessage[]? Messages = null);

    private sealed record TokenMessage(string TokenClass, string TokenType, string Message);
}
