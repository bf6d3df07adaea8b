using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Accounts;

// The token service on its own (no HTTP): issuing, validating, rotating and revoking.
public sealed class TokenServiceTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private static readonly RefreshClient _browser = new(RefreshClient.HashUserAgent("Firefox"), "203.0.113.0/24");

    private async Task<T> WithTokensAsync<T>(Func<TokenService, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TokenService>());
    }

    [Fact]
    public async Task IssuedTokensValidateOnlyAsTheirOwnType()
    {
        var user = await app.CreateUserAsync();
        var issued = await WithTokensAsync(tokens => tokens.StartSessionAsync(user, SessionStart.Password, CancellationToken.None));

        var (access, accessError) = await WithTokensAsync(tokens => tokens.ValidateAsync(issued.AccessToken, TokenTypes.Access));
        Assert.Null(accessError);
        Assert.Equal(user.Id, access!.UserId());
        Assert.Equal(issued.SessionId, access!.SessionId());

        var (refreshAsAccess, wrongType) = await WithTokensAsync(tokens => tokens.ValidateAsync(issued.RefreshToken, TokenTypes.Access));
        Assert.Null(refreshAsAccess);
        Assert.Equal(TokenService.WrongType, wrongType);
        var (_, accessAsRefresh) = await WithTokensAsync(tokens => tokens.ValidateAsync(issued.AccessToken, TokenTypes.Refresh));
        Assert.Equal(TokenService.WrongType, accessAsRefresh);
        var (_, garbage) = await WithTokensAsync(tokens => tokens.ValidateAsync("not.a.token", TokenTypes.Access));
        Assert.Equal(TokenService.InvalidOrExpired, garbage);
    }

    [Fact]
    public async Task AccessTokensCarryTheSignInMethodsAndTimeThroughRotation()
    {
        var user = await app.CreateUserAsync();
        var signedInAt = app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var start = new SessionStart([AuthenticationMethods.Password, AuthenticationMethods.OneTimePassword]);
        var issued = await WithTokensAsync(tokens => tokens.StartSessionAsync(user, start, CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var rotated = await WithTokensAsync(tokens => tokens.RefreshAsync(issued.RefreshToken, _browser, CancellationToken.None));

        foreach (var accessToken in new[] { issued.AccessToken, rotated.Tokens!.AccessToken })
        {
            var (access, _) = await WithTokensAsync(tokens => tokens.ValidateAsync(accessToken, TokenTypes.Access));
            Assert.Equal(["pwd", "otp"], access!.FindAll(TokenClaims.AuthMethods).Select(c => c.Value));
            Assert.Equal(signedInAt, access.FindFirst(TokenClaims.AuthTime)!.Value);
        }

        var (refresh, _) = await WithTokensAsync(tokens => tokens.ValidateAsync(rotated.Tokens.RefreshToken, TokenTypes.Refresh));
        Assert.Null(refresh!.FindFirst(TokenClaims.AuthMethods));
    }

    [Fact]
    public async Task ReauthenticationMovesAuthTimeAddsTheMethodAndKeepsTheRefreshToken()
    {
        var user = await app.CreateUserAsync();
        var issued = await WithTokensAsync(tokens => tokens.StartSessionAsync(user, SessionStart.Password, CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var again = await WithTokensAsync(tokens => tokens.ReauthenticateAsync(
            issued.SessionId, user, [AuthenticationMethods.OneTimePassword], CancellationToken.None));

        Assert.Equal(issued.RefreshToken, again!.RefreshToken);
        var (access, _) = await WithTokensAsync(tokens => tokens.ValidateAsync(again.AccessToken, TokenTypes.Access));
        Assert.Equal(["pwd", "otp"], access!.FindAll(TokenClaims.AuthMethods).Select(c => c.Value));
        Assert.Equal(
            app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            access.FindFirst(TokenClaims.AuthTime)!.Value);

        await WithTokensAsync(tokens => tokens.EndSessionsAsync(user.Id, null, CancellationToken.None));
        Assert.Null(await WithTokensAsync(tokens => tokens.ReauthenticateAsync(issued.SessionId, user, [], CancellationToken.None)));
    }

    [Fact]
    public async Task LifetimesFollowTheClockAndSlideWithUse()
    {
        var user = await app.CreateUserAsync();
        var start = app.Clock.GetUtcNow().UtcDateTime;
        var issued = await WithTokensAsync(tokens => tokens.StartSessionAsync(user, SessionStart.Password, CancellationToken.None));
        Assert.Equal(start.AddHours(1), issued.AccessExpiresAt, TimeSpan.FromSeconds(1));
        Assert.Equal(start.AddDays(1), issued.RefreshExpiresAt, TimeSpan.FromSeconds(1));

        app.Clock.Advance(TimeSpan.FromHours(20));
        var rotated = await WithTokensAsync(tokens => tokens.RefreshAsync(issued.RefreshToken, _browser, CancellationToken.None));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddDays(1), rotated.Tokens!.RefreshExpiresAt, TimeSpan.FromSeconds(1));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddHours(1), rotated.Tokens.AccessExpiresAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task AReplayInTheGraceWindowGetsTheIdenticalSuccessorAndLaterRevokes()
    {
        var user = await app.CreateUserAsync();
        var issued = await WithTokensAsync(tokens => tokens.StartSessionAsync(user, SessionStart.Password, CancellationToken.None));
        var first = await WithTokensAsync(tokens => tokens.RefreshAsync(issued.RefreshToken, _browser, CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromSeconds(9));
        var second = await WithTokensAsync(tokens => tokens.RefreshAsync(issued.RefreshToken, _browser, CancellationToken.None));
        Assert.Equal(first.Tokens!.RefreshToken, second.Tokens!.RefreshToken);
        Assert.NotEqual(first.Tokens.AccessToken, second.Tokens.AccessToken);

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var late = await WithTokensAsync(tokens => tokens.RefreshAsync(issued.RefreshToken, _browser, CancellationToken.None));
        Assert.Equal(TokenService.InvalidOrExpired, late.Error);
        var successor = await WithTokensAsync(tokens => tokens.RefreshAsync(first.Tokens.RefreshToken, _browser, CancellationToken.None));
        Assert.Null(successor.Tokens);
    }

    [Fact]
    public async Task RevokingAndEndingSessionsIsIdempotentAndIgnoresForeignTokens()
    {
        var user = await app.CreateUserAsync();
        var one = await WithTokensAsync(tokens => tokens.StartSessionAsync(user, SessionStart.Password, CancellationToken.None));
        var two = await WithTokensAsync(tokens => tokens.StartSessionAsync(user, SessionStart.Password, CancellationToken.None));

        await WithTokensAsync(async tokens =>
        {
            await tokens.RevokeSessionAsync("garbage", CancellationToken.None);
            await tokens.RevokeSessionAsync(Api.Mint(Api.ClaimsForRemint(one.RefreshToken), key: "someone-elses-key-0123456789-0123456789"), CancellationToken.None);
            await tokens.EndSessionsAsync(user.Id, exceptSessionId: two.SessionId, CancellationToken.None);
            await tokens.EndSessionsAsync(user.Id, exceptSessionId: two.SessionId, CancellationToken.None);
            return true;
        });

        Assert.Null((await WithTokensAsync(tokens => tokens.RefreshAsync(one.RefreshToken, _browser, CancellationToken.None))).Tokens);
        Assert.NotNull((await WithTokensAsync(tokens => tokens.RefreshAsync(two.RefreshToken, _browser, CancellationToken.None))).Tokens);
    }
}
