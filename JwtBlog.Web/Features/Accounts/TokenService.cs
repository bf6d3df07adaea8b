using System.Security.Claims;
using System.Security.Cryptography;
using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtBlog.Web.Features.Accounts;

public sealed record IssuedTokens(
    string AccessToken, DateTime AccessExpiresAt, string RefreshToken, DateTime RefreshExpiresAt, string SessionId);

public sealed record RefreshResult(IssuedTokens? Tokens, string? Error)
{
    public static RefreshResult Fail(string error) => new(null, error);
}

public static class TokenTypes
{
    public const string Access = "access";
    public const string Refresh = "refresh";
}

public static class TokenClaims
{
    public const string TokenType = "token_type";
    public const string UserId = "user_id";
    public const string SessionId = "sid";
    public const string Email = "email";
}

// Issues, rotates and revokes the JWTs. Every login is a session row; every refresh token is a row keyed by jti.
public sealed class TokenService(
    AppDbContext db,
    WriteGate writes,
    SigningKey signingKey,
    SessionGuard guard,
    TimeProvider time,
    IOptions<JwtOptions> options,
    IOptions<AccountOptions> accountOptions,
    ILogger<TokenService> logger)
{
    public const string InvalidOrExpired = "Token is invalid or expired";
    public const string WrongType = "Token has wrong type";

    private static readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly JwtOptions _options = options.Value;
    private readonly TokenValidationParameters _parameters = CreateValidationParameters(options.Value, signingKey, time);

    public static TokenValidationParameters CreateValidationParameters(JwtOptions options, SigningKey key, TimeProvider time) => new()
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

    public async Task<IssuedTokens> StartSessionAsync(AppUser user, CancellationToken ct)
    {
        var now = Now();
        var session = new UserSession
        {
            Id = NewId(),
            UserId = user.Id,
            CreatedAt = now,
            ExpiresAt = now + _options.RefreshTokenLifetime,
        };
        var refresh = new RefreshTokenRecord { Jti = NewId(), SessionId = session.Id, IssuedAt = now, ExpiresAt = session.ExpiresAt };
        session.RefreshTokens.Add(refresh);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        await EndSessionsBeyondTheCapAsync(user.Id, session.Id, now, ct);
        return Issue(user, refresh, now);
    }

    // A user holds at most Accounts:MaxSessionsPerUser live sessions: the new one stays, the oldest others beyond
    // the cap end, and their tokens are refused at once.
    private async Task EndSessionsBeyondTheCapAsync(int userId, string newSessionId, DateTime now, CancellationToken ct)
    {
        var oldest = await db.Sessions
            .Where(s => s.UserId == userId && s.Id != newSessionId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip(accountOptions.Value.MaxSessionsPerUser - 1)
            .Select(s => s.Id)
            .ToListAsync(ct);
        if (oldest.Count == 0)
        {
            return;
        }

        await db.Sessions.Where(s => oldest.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
        guard.MarkRevoked(oldest);
        SessionLimitsLog.OldestSessionsEnded(logger, userId, oldest.Count);
    }

    // Rotation (RFC 9700 §4.14.2): the presented token is consumed and replaced. A consumed token presented again
    // within the grace window by the same client gets the same successor (parallel tabs); presented later, or by
    // another client, it revokes the whole session.
    public async Task<RefreshResult> RefreshAsync(string refreshToken, RefreshClient client, CancellationToken ct)
    {
        var (claims, error) = await ValidateAsync(refreshToken, TokenTypes.Refresh);
        if (claims is null)
        {
            return RefreshResult.Fail(error!);
        }

        var jti = claims.FindFirstValue(JwtRegisteredClaimNames.Jti)!;
        var sessionId = claims.FindFirstValue(TokenClaims.SessionId)!;
        var now = Now();
        var successorJti = NewId();

        // Rotations queue on the write gate; the UPDATE decides which of several concurrent ones consumes the token.
        using var writing = await writes.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var consumed = await db.RefreshTokens
            .Where(t => t.Jti == jti && t.SessionId == sessionId && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ConsumedAt, now)
                .SetProperty(t => t.ReplacedByJti, successorJti)
                .SetProperty(t => t.ConsumedByUserAgentHash, client.UserAgentHash)
                .SetProperty(t => t.ConsumedFromAddressPrefix, client.AddressPrefix), ct);

        var session = await db.Sessions.Include(s => s.User).SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session?.User is not { IsActive: true } user || session.RevokedAt is not null || session.ExpiresAt <= now)
        {
            return RefreshResult.Fail(InvalidOrExpired);
        }

        if (consumed == 1)
        {
            var successor = new RefreshTokenRecord
            {
                Jti = successorJti,
                SessionId = sessionId,
                IssuedAt = now,
                ExpiresAt = Min(now + _options.RefreshTokenLifetime, session.ExpiresAt),
            };
            db.RefreshTokens.Add(successor);
            await db.SaveChangesAsync(ct);

            // Consumed rows are kept only through their grace window; a replay after it is told by the missing row.
            var graceEnded = now - _options.RefreshReuseGraceWindow;
            await db.RefreshTokens.Where(t => t.SessionId == sessionId && t.ConsumedAt < graceEnded).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
            return new RefreshResult(Issue(user, successor, now), null);
        }

        // Not consumed now: consumed before, or its row was purged after the grace window. This server signed it for
        // this live session, so either way it is a replay.
        var presented = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Jti == jti && t.SessionId == sessionId, ct);
        if (presented is { ConsumedAt: { } consumedAt, ReplacedByJti: { } replacedBy }
            && now - consumedAt <= _options.RefreshReuseGraceWindow
            && presented.ConsumedByUserAgentHash == client.UserAgentHash
            && presented.ConsumedFromAddressPrefix == client.AddressPrefix
            && await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Jti == replacedBy, ct) is { } sibling)
        {
            return new RefreshResult(Issue(user, sibling, now), null);
        }

        session.RevokedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        guard.MarkRevoked([sessionId]);
        logger.LogWarning("Refresh token reuse detected for user {UserId}; session {SessionId} revoked.", user.Id, sessionId[..8]);
        return RefreshResult.Fail(InvalidOrExpired);
    }

    // Logout: ends the session of a refresh token that this server signed, even an expired one.
    public async Task RevokeSessionAsync(string refreshToken, CancellationToken ct)
    {
        var parameters = _parameters.Clone();
        parameters.ValidateLifetime = false;
        var result = await _handler.ValidateTokenAsync(refreshToken, parameters);
        if (!result.IsValid || !result.Claims.TryGetValue(TokenClaims.SessionId, out var value) || value is not string sessionId)
        {
            return;
        }

        await RevokeSessionByIdAsync(sessionId, ct);
    }

    public async Task RevokeSessionByIdAsync(string sessionId, CancellationToken ct)
    {
        await db.Sessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, Now()), ct);
        guard.MarkRevoked([sessionId]);
    }

    // Ends every session of the user (but one, if named): their access and refresh tokens are refused from now on.
    public async Task EndSessionsAsync(int userId, string? exceptSessionId, CancellationToken ct)
    {
        var sessionIds = await db.Sessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != exceptSessionId)
            .Select(s => s.Id)
            .ToListAsync(ct);
        if (sessionIds.Count == 0)
        {
            return;
        }

        await db.Sessions.Where(s => sessionIds.Contains(s.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, Now()), ct);
        guard.MarkRevoked(sessionIds);
    }

    // Signature, issuer, audience, lifetime and token_type; no database lookup.
    public async Task<(ClaimsPrincipal? Claims, string? Error)> ValidateAsync(string token, string expectedType)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid || result.ClaimsIdentity.FindFirst(TokenClaims.SessionId) is null)
        {
            return (null, InvalidOrExpired);
        }

        return result.ClaimsIdentity.FindFirst(TokenClaims.TokenType)?.Value == expectedType
            ? (new ClaimsPrincipal(result.ClaimsIdentity), null)
            : (null, WrongType);
    }

    private IssuedTokens Issue(AppUser user, RefreshTokenRecord refresh, DateTime now)
    {
        var accessExpires = now + _options.AccessTokenLifetime;
        var access = Mint(TokenTypes.Access, NewId(), user, refresh.SessionId, now, accessExpires);

        // Minted from the stored row alone, so the same row always yields the same token (the grace-window answer).
        var refreshToken = Mint(TokenTypes.Refresh, refresh.Jti, user, refresh.SessionId, refresh.IssuedAt, refresh.ExpiresAt);
        return new IssuedTokens(access, accessExpires, refreshToken, refresh.ExpiresAt, refresh.SessionId);
    }

    private string Mint(string type, string jti, AppUser user, string sessionId, DateTime issuedAt, DateTime expires)
    {
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.TokenType] = type,
            [JwtRegisteredClaimNames.Exp] = EpochTime.GetIntDate(expires),
            [JwtRegisteredClaimNames.Iat] = EpochTime.GetIntDate(issuedAt),
            [JwtRegisteredClaimNames.Jti] = jti,
            [TokenClaims.UserId] = user.Id,
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TokenClaims.SessionId] = sessionId,
        };
        if (type == TokenTypes.Access)
        {
            claims[TokenClaims.Email] = user.Email!;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
