using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// The one rule a token is judged by, wherever it comes from: the canonical compact form, HS256 with our key, typ JWT,
// issuer, audience, lifetime on TimeProvider's clock with the configured skew, no "crit", numeric exp and iat, an
// integer user_id, a sid, and the expected token_type. No database: whether the session lives is SessionGuard's call.
public sealed class TokenValidator
{
    // Ours are about 600 characters; a much longer string is refused before anything parses it.
    private const int MaximumLength = 4096;

    private static readonly JsonWebTokenHandler _handler = new();
    private static readonly JsonDocumentOptions _strictJson = new() { AllowDuplicateProperties = false };
    private readonly TokenValidationParameters _parameters;
    private readonly TokenValidationParameters _ignoringLifetime;

    public TokenValidator(SigningKey signingKey, IOptions<JwtOptions> options, TimeProvider time)
    {
        _parameters = CreateParameters(options.Value, signingKey, time);
        _ignoringLifetime = _parameters.Clone();
        _ignoringLifetime.ValidateLifetime = false;
    }

    public async Task<(ValidatedToken? Token, string? Error)> ValidateAsync(string token, string expectedType)
    {
        var validated = await ValidateAsync(token, _parameters);
        if (validated is null)
        {
            return (null, TokenService.InvalidOrExpired);
        }

        return validated.Type == expectedType ? (validated, null) : (null, TokenService.WrongType);
    }

    // Logout ends the session of a token this server signed, even an expired one.
    public Task<ValidatedToken?> ValidateIgnoringLifetimeAsync(string token) => ValidateAsync(token, _ignoringLifetime);

    private static async Task<ValidatedToken?> ValidateAsync(string token, TokenValidationParameters parameters)
    {
        if (!IsCanonicalCompact(token))
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, parameters);
        return result.IsValid && result.SecurityToken is JsonWebToken jwt ? Read(jwt) : null;
    }

    // The library ignores "crit" and converts JSON types leniently; a signed token must still be exactly what we issue.
    private static ValidatedToken? Read(JsonWebToken jwt)
    {
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedHeader), _strictJson);
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedPayload), _strictJson);
            var claims = payload.RootElement;
            if (header.RootElement.ValueKind != JsonValueKind.Object || header.RootElement.TryGetProperty("crit", out _)
                || claims.ValueKind != JsonValueKind.Object
                || !IsNumber(claims, JwtRegisteredClaimNames.Exp) || !IsNumber(claims, JwtRegisteredClaimNames.Iat)
                || !claims.TryGetProperty(TokenClaims.UserId, out var userId) || userId.ValueKind != JsonValueKind.Number
                || !userId.TryGetInt32(out var id)
                || Text(claims, TokenClaims.SessionId) is not { Length: > 0 } sessionId
                || Text(claims, TokenClaims.TokenType) is not { } type)
            {
                return null;
            }

            return new ValidatedToken(
                type, id, sessionId, Text(claims, JwtRegisteredClaimNames.Jti), jwt.ValidTo,
                [.. jwt.Claims.Select(claim => (claim.Type, claim.Value, claim.ValueType))]);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsNumber(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number;

    private static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Three base64url parts without padding, each the one encoding of its bytes (no stray bits in the last character).
    private static bool IsCanonicalCompact(string token)
    {
        if (token.Length > MaximumLength)
        {
            return false;
        }

        var parts = token.Split('.');
        return parts.Length == 3 && parts.All(IsCanonicalBase64Url);
    }

    private static bool IsCanonicalBase64Url(string part) =>
        part.Length > 0
        && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
        && Base64Url.IsValid(part)
        && Base64Url.EncodeToString(Base64Url.DecodeFromChars(part)) == part;

    private static TokenValidationParameters CreateParameters(JwtOptions options, SigningKey key, TimeProvider time) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = key.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidTypes = ["JWT"],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = options.ClockSkew,
        NameClaimType = TokenClaims.Email,
        // The library would read the system clock; ours comes from TimeProvider so tests can move it.
        LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return expires is { } exp
                && now - parameters.ClockSkew < exp
                && (notBefore is not { } nbf || now + parameters.ClockSkew >= nbf);
        },
    };
}
