using System.Security.Claims;
using System.Security.Cryptography;
using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// Issues, rotates and revokes the JWTs. Every login is a session row; every refresh token is a row keyed by jti.
public sealed class TokenService(
    AppDbContext db,
    SigningKey signingKey,
    TokenValidator validator,
    RefreshRateLimit refreshLimit,
    SessionGuard guard,
    TimeProvider time,
    IOptions<JwtOptions> options,
    IOptions<AccountOptions> accountOptions,
    IHttpContextAccessor httpContext,
    ILogger<TokenService> logger)
{
    public const string InvalidOrExpired = "Token is invalid or expired";
    public const string WrongType = "Token has wrong type";

    // The ApiText key of one of the problems above, for answers in the caller's language; logs keep the English.
    public static string TextKey(string problem) => problem == WrongType ? "Token.WrongType" : "Token.InvalidOrExpired";

    private static readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly JwtOptions _options = options.Value;

    // The user's row is locked, so that sign-ins racing on one account keep to the session limit.
    public Task<IssuedTokens> StartSessionAsync(AppUser user, SessionStart start, CancellationToken ct) =>
        db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                return await AddSessionAsync(user, start, token);
            },
            ct);

    private async Task<IssuedTokens> AddSessionAsync(AppUser user, SessionStart start, CancellationToken ct)
    {
        var now = Now();
        var request = httpContext.HttpContext;
        var session = new UserSession
        {
            Id = NewId(),
            UserId = user.Id,
            CreatedAt = now,
            ExpiresAt = now + _options.RememberedSessionLifetime,
            AuthMethods = string.Join(' ', start.Methods.Distinct(StringComparer.Ordinal)),
            AuthenticatedAt = now,
            IsRemembered = start.Remember,
            LastSeenAt = now,
            IpAddress = request?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(request?.Request.Headers.UserAgent.ToString(), UserSession.UserAgentMaxLength),
        };
        var refresh = new RefreshTokenRecord { Jti = NewId(), SessionId = session.Id, IssuedAt = now, ExpiresAt = RefreshEnd(session, now) };
        session.RefreshTokens.Add(refresh);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        await EndSessionsBeyondTheCapAsync(user.Id, session.Id, now, ct);
        return Issue(user, session, refresh, now);
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
        await guard.MarkRevokedAsync(oldest);
        logger.SessionsEnded(userId, SecurityActors.SessionCap, oldest.Count);
    }

    // Rotation (RFC 9700 §4.14.2): the presented token is consumed and replaced. A consumed token presented again
    // within the grace window by the same client gets the same successor (parallel tabs); presented later, or by
    // another client, it revokes the whole session.
    public async Task<RefreshResult> RefreshAsync(string refreshToken, RefreshClient client, CancellationToken ct)
    {
        var (validated, error) = await validator.ValidateAsync(refreshToken, TokenTypes.Refresh);
        if (validated?.Jti is not { } jti)
        {
            return RefreshResult.Fail(error ?? InvalidOrExpired);
        }

        // Counted per session before anything is spent, for the endpoint and the silent page refresh alike.
        if (await refreshLimit.TryAcquireAsync(validated.SessionId, ct) is { } retryAfter)
        {
            return RefreshResult.Throttled(retryAfter);
        }

        var sessionId = validated.SessionId;
        var now = Now();
        var successorJti = NewId();

        // Rotations of one session queue on its row; the UPDATE decides which of several concurrent ones consumes the token.
        var (result, reusedBy) = await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockSessionAsync(sessionId, token);
                var session = await db.Sessions.Include(s => s.User).SingleOrDefaultAsync(s => s.Id == sessionId, token);
                if (session?.User is not { IsActive: true } user || user.Id != validated.UserId
                    || session.RevokedAt is not null || session.ExpiresAt <= now || IsIdle(session, now))
                {
                    return (RefreshResult.Fail(InvalidOrExpired), (int?)null);
                }

                var consumed = await db.RefreshTokens
                    .Where(t => t.Jti == jti && t.SessionId == sessionId && t.ConsumedAt == null)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(t => t.ConsumedAt, now)
                        .SetProperty(t => t.ReplacedByJti, successorJti)
                        .SetProperty(t => t.ConsumedByUserAgentHash, client.UserAgentHash)
                        .SetProperty(t => t.ConsumedFromAddressPrefix, client.AddressPrefix), token);
                if (consumed == 1)
                {
                    var successor = new RefreshTokenRecord
                    {
                        Jti = successorJti,
                        SessionId = sessionId,
                        IssuedAt = now,
                        ExpiresAt = RefreshEnd(session, now),
                    };
                    db.RefreshTokens.Add(successor);
                    session.LastSeenAt = now;
                    await db.SaveChangesAsync(token);

                    // Consumed rows are kept only through their grace window; a replay after it is told by the missing row.
                    var graceEnded = now - _options.RefreshReuseGraceWindow;
                    await db.RefreshTokens.Where(t => t.SessionId == sessionId && t.ConsumedAt < graceEnded).ExecuteDeleteAsync(token);
                    return (new RefreshResult(Issue(user, session, successor, now), null), null);
                }

                // Not consumed now: consumed before, or its row was purged after the grace window. This server signed it
                // for this live session, so either way it is a replay, forgiven only to the same client within the window.
                var presented = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Jti == jti && t.SessionId == sessionId, token);
                if (presented is { ConsumedAt: { } consumedAt, ReplacedByJti: { } replacedBy }
                    && now - consumedAt <= _options.RefreshReuseGraceWindow
                    && presented.ConsumedByUserAgentHash == client.UserAgentHash
                    && presented.ConsumedFromAddressPrefix == client.AddressPrefix
                    && await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Jti == replacedBy, token) is { } sibling)
                {
                    return (new RefreshResult(Issue(user, session, sibling, now), null), null);
                }

                session.RevokedAt = now;
                await db.SaveChangesAsync(token);
                return (RefreshResult.Fail(InvalidOrExpired), user.Id);
            },
            ct);

        if (reusedBy is { } userId)
        {
            await guard.MarkRevokedAsync([sessionId]);
            logger.RefreshTokenReused(userId, AccountsLog.ShortSessionId(sessionId));
        }

        return result;
    }

    // The user proved who they are again inside a live session (password, code or passkey): the session's auth_time
    // moves to now and gains the methods used, and a fresh access token says so. The refresh token is re-minted from
    // its unchanged row, so it is the same token the client holds. Null when the session is no longer alive.
    public async Task<IssuedTokens?> ReauthenticateAsync(
        string sessionId, AppUser user, IReadOnlyList<string> methods, CancellationToken ct)
    {
        var now = Now();
        return await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockSessionAsync(sessionId, token);
                var session = await db.Sessions.SingleOrDefaultAsync(
                    s => s.Id == sessionId && s.UserId == user.Id && s.RevokedAt == null && s.ExpiresAt > now, token);
                var refresh = session is null ? null : await db.RefreshTokens
                    .Where(t => t.SessionId == sessionId && t.ConsumedAt == null && t.ExpiresAt > now)
                    .OrderByDescending(t => t.IssuedAt)
                    .FirstOrDefaultAsync(token);
                if (session is null || refresh is null)
                {
                    return null;
                }

                session.AuthenticatedAt = now;
                session.AuthMethods = string.Join(' ', session.AuthMethods.Split(' ').Union(methods, StringComparer.Ordinal));
                await db.SaveChangesAsync(token);
                return Issue(user, session, refresh, now);
            },
            ct);
    }

    // Logout: ends the session of a refresh token that this server signed, even an expired one.
    // Returns the id of the session the token names, or null for a token this server did not sign.
    public async Task<string?> RevokeSessionAsync(string refreshToken, CancellationToken ct)
    {
        if (await validator.ValidateIgnoringLifetimeAsync(refreshToken) is { } validated)
        {
            await RevokeSessionByIdAsync(validated.SessionId, ct);
            return validated.SessionId;
        }

        return null;
    }

    public async Task RevokeSessionByIdAsync(string sessionId, CancellationToken ct)
    {
        await db.Sessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, Now()), ct);
        await guard.MarkRevokedAsync([sessionId]);
    }

    // Ends every session of the user (but one, if named): their access and refresh tokens are refused from now on.
    // Returns how many were still alive.
    public async Task<int> EndSessionsAsync(int userId, string? exceptSessionId, CancellationToken ct)
    {
        var sessionIds = await db.Sessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != exceptSessionId)
            .Select(s => s.Id)
            .ToListAsync(ct);
        if (sessionIds.Count == 0)
        {
            return 0;
        }

        await db.Sessions.Where(s => sessionIds.Contains(s.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, Now()), ct);
        await guard.MarkRevokedAsync(sessionIds);
        return sessionIds.Count;
    }

    // TokenValidator's rule (no database lookup), as claims.
    public async Task<(ClaimsPrincipal? Claims, string? Error)> ValidateAsync(string token, string expectedType)
    {
        var (validated, error) = await validator.ValidateAsync(token, expectedType);
        return (validated?.ToPrincipal(JwtCookieHandler.SchemeName), error);
    }

    private IssuedTokens Issue(AppUser user, UserSession session, RefreshTokenRecord refresh, DateTime now)
    {
        var accessExpires = now + _options.AccessTokenLifetime;
        var access = Mint(TokenTypes.Access, NewId(), user, session, now, accessExpires);

        // Minted from the stored row alone, so the same row always yields the same token (the grace-window answer).
        var refreshToken = Mint(TokenTypes.Refresh, refresh.Jti, user, session, refresh.IssuedAt, refresh.ExpiresAt);
        return new IssuedTokens(access, accessExpires, refreshToken, refresh.ExpiresAt, refresh.SessionId, session.IsRemembered);
    }

    private string Mint(string type, string jti, AppUser user, UserSession session, DateTime issuedAt, DateTime expires)
    {
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.TokenType] = type,
            [JwtRegisteredClaimNames.Exp] = EpochTime.GetIntDate(expires),
            [JwtRegisteredClaimNames.Iat] = EpochTime.GetIntDate(issuedAt),
            [JwtRegisteredClaimNames.Jti] = jti,
            [TokenClaims.UserId] = user.Id,
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TokenClaims.SessionId] = session.Id,
        };
        if (type == TokenTypes.Access)
        {
            claims[TokenClaims.Email] = user.Email!;
            claims[TokenClaims.AuthMethods] = session.AuthMethods.Split(' ');
            claims[TokenClaims.AuthTime] = EpochTime.GetIntDate(session.AuthenticatedAt);
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    // A session slides with use: each refresh token lives until the idle limit from now, capped by one token's
    // lifetime and by the session's absolute end.
    private DateTime RefreshEnd(UserSession session, DateTime now) =>
        Min(now + Min(_options.IdleLimit(session.IsRemembered), _options.RefreshTokenLifetime), session.ExpiresAt);

    private bool IsIdle(UserSession session, DateTime now) =>
        (session.LastSeenAt ?? session.CreatedAt) <= now - _options.IdleLimit(session.IsRemembered);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string? Truncate(string? text, int maxLength) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= maxLength ? text : text[..maxLength];

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
