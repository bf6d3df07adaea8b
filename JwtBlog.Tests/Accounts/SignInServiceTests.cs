using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JwtBlog.Tests.Accounts;

// The sign-in service on its own (no HTTP), on the app's fake clock.
public sealed class SignInServiceTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string WrongPassword = "not-the-password";

    private async Task<T> WithSignInAsync<T>(Func<SignInService, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SignInService>());
    }

    // The user as loaded in the service's own scope, as endpoints and pages hand it over.
    private async Task<T> WithSignInAsync<T>(int userId, Func<SignInService, AppUser, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Id == userId);
        return await action(scope.ServiceProvider.GetRequiredService<SignInService>(), user);
    }

    private Task<PasswordSignInResult> SignInAsync(string email, string password) =>
        WithSignInAsync(signIn => signIn.PasswordSignInAsync(email, password, remember: false, CancellationToken.None));

    private Task<bool> IsActiveAsync(string sessionId) =>
        app.WithDbAsync(db => db.Sessions.AnyAsync(s => s.Id == sessionId && s.RevokedAt == null));

    [Fact]
    public async Task PasswordSignInReturnsTokensOfANewSessionRecordsTheLoginAndClearsFailures()
    {
        var user = await app.CreateUserAsync();
        Assert.False((await SignInAsync(user.Email!, WrongPassword)).Succeeded);

        var result = await SignInAsync(user.Email!, JwtBlogApp.Password);

        Assert.True(result.Succeeded);
        Assert.False(result.IsLockedOut);
        Assert.False(result.RequiresSecondFactor);
        Assert.Equal(user.Id, result.User.Id);
        Assert.True(await IsActiveAsync(result.Tokens.SessionId));
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, stored.LastLogin!.Value, TimeSpan.FromSeconds(1));
        Assert.False(await app.WithDbAsync(db => db.LoginThrottles.AnyAsync(t => t.NormalizedEmail == stored.NormalizedEmail)));
    }

    [Fact]
    public async Task AWrongPasswordAnUnknownEmailAndAnInactiveAccountFailAlike()
    {
        var user = await app.CreateUserAsync();
        var inactive = await app.CreateUserAsync(active: false);

        foreach (var (email, password) in new[]
        {
            (user.Email!, WrongPassword), (app.NewEmail("ghost"), JwtBlogApp.Password), (inactive.Email!, JwtBlogApp.Password),
        })
        {
            var result = await SignInAsync(email, password);
            Assert.Same(PasswordSignInResult.Failed, result);
            Assert.Null(result.Tokens);
            Assert.Null(result.User);
        }
    }

    [Fact]
    public async Task TheFifthFailureLocksTheAccountAndTheResultCarriesTheWait()
    {
        var user = await app.CreateUserAsync();
        for (var i = 0; i < 5; i++)
        {
            var failed = await SignInAsync(user.Email!, WrongPassword);
            Assert.False(failed.Succeeded);
            Assert.False(failed.IsLockedOut);
        }

        var locked = await SignInAsync(user.Email!, JwtBlogApp.Password);
        Assert.True(locked.IsLockedOut);
        Assert.Equal(TimeSpan.FromMinutes(15), locked.LockoutWait.Value);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromMinutes(5), (await SignInAsync(user.Email!, JwtBlogApp.Password)).LockoutWait);

        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.True((await SignInAsync(user.Email!, JwtBlogApp.Password)).Succeeded);
    }

    [Fact]
    public async Task AHashOfALowerWorkFactorIsReplacedAtSignIn()
    {
        using var stronger = JwtBlogApp.With(("Accounts:PasswordHashWorkFactor", "5"));
        var user = await stronger.CreateUserAsync();
        using (var weaker = new PasswordHashing(Options.Create(new AccountOptions { PasswordHashWorkFactor = 4 })))
        {
            var hash = await weaker.HashAsync(JwtBlogApp.Password, CancellationToken.None);
            await stronger.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, hash)));
        }

        await using (var scope = stronger.Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInService>();
            Assert.True((await signIn.PasswordSignInAsync(user.Email!, JwtBlogApp.Password, remember: false, CancellationToken.None)).Succeeded);
        }

        var stored = await stronger.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal("05", stored.PasswordHash!.Split('$')[2]);
    }

    [Fact]
    public async Task ChangingThePasswordChecksTheCurrentOneThenTheRulesAndEndsEverySession()
    {
        var user = await app.CreateUserAsync();
        var before = (await SignInAsync(user.Email!, JwtBlogApp.Password)).Tokens!;
        const string NewPassword = "Quiet-Harbor-Kite-77";

        var wrong = await WithSignInAsync(user.Id, (s, u) => s.ChangePasswordAsync(u, WrongPassword, NewPassword, NewPassword, CancellationToken.None));
        Assert.Same(PasswordChangeResult.WrongCurrentPassword, wrong);
        var mismatch = await WithSignInAsync(user.Id, (s, u) => s.ChangePasswordAsync(u, JwtBlogApp.Password, NewPassword, NewPassword + "!", CancellationToken.None));
        Assert.Same(PasswordChangeResult.Mismatch, mismatch);
        var weak = await WithSignInAsync(user.Id, (s, u) => s.ChangePasswordAsync(u, JwtBlogApp.Password, "12345678", "12345678", CancellationToken.None));
        Assert.Equal(["This password is too common.", "This password is entirely numeric."], weak.Errors.Select(e => e.Description));
        Assert.All(weak.Errors, e => Assert.Equal(DjangoPasswordValidator.RuleCode, e.Code));
        var similar = await WithSignInAsync(user.Id, (s, u) => s.ChangePasswordAsync(u, JwtBlogApp.Password, user.Email!, user.Email!, CancellationToken.None));
        Assert.Equal(DjangoPasswordValidator.SimilarityCode, Assert.Single(similar.Errors).Code);
        Assert.True(await IsActiveAsync(before.SessionId));

        var changed = await WithSignInAsync(user.Id, (s, u) => s.ChangePasswordAsync(u, JwtBlogApp.Password, NewPassword, NewPassword, CancellationToken.None));

        Assert.True(changed.Succeeded);
        Assert.False(await IsActiveAsync(before.SessionId));
        Assert.True(await IsActiveAsync(changed.Tokens.SessionId));
        Assert.False((await SignInAsync(user.Email!, JwtBlogApp.Password)).Succeeded);
        Assert.True((await SignInAsync(user.Email!, NewPassword)).Succeeded);
    }

    [Fact]
    public async Task SettingAPasswordKeepsOnlyTheNamedSessionAndLogsWhoSetIt()
    {
        var user = await app.CreateUserAsync();
        var kept = (await SignInAsync(user.Email!, JwtBlogApp.Password)).Tokens!;
        var ended = (await SignInAsync(user.Email!, JwtBlogApp.Password)).Tokens!;

        await WithSignInAsync(user.Id, async (s, u) =>
        {
            await s.SetPasswordAsync(u, "Quiet-Harbor-Kite-77", kept.SessionId, SecurityActors.Admin(42), CancellationToken.None);
            return true;
        });

        Assert.True(await IsActiveAsync(kept.SessionId));
        Assert.False(await IsActiveAsync(ended.SessionId));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"The password of user {user.Id} was set by admin 42.", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Sessions of user {user.Id} ended by admin 42: 1.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndingSessionsCanSpareTheCallersOwn()
    {
        var user = await app.CreateUserAsync();
        var own = (await SignInAsync(user.Email!, JwtBlogApp.Password)).Tokens!;
        var other = (await SignInAsync(user.Email!, JwtBlogApp.Password)).Tokens!;

        Assert.Equal(1, await WithSignInAsync(s => s.EndSessionsAsync(user.Id, own.SessionId, SecurityActors.Self, CancellationToken.None)));
        Assert.True(await IsActiveAsync(own.SessionId));
        Assert.False(await IsActiveAsync(other.SessionId));
        Assert.Equal(1, await WithSignInAsync(s => s.EndSessionsAsync(user.Id, null, SecurityActors.Self, CancellationToken.None)));
        Assert.False(await IsActiveAsync(own.SessionId));
    }

    [Fact]
    public async Task RegistrationChecksThePasswordAgainstTheWholeProfileThenSignsTheUserIn()
    {
        var email = app.NewEmail("writer");
        var similar = await WithSignInAsync(s => s.RegisterAsync(
            new AppUser { Email = email, FirstName = "Bartholomew" }, "bartholomew1", CancellationToken.None));
        Assert.Equal("The password is too similar to the first name.", Assert.Single(similar.Errors).Description);
        Assert.Equal(DjangoPasswordValidator.SimilarityCode, similar.Errors[0].Code);

        var registered = await WithSignInAsync(s => s.RegisterAsync(new AppUser { Email = email }, JwtBlogApp.Password, CancellationToken.None));
        Assert.True(registered.Succeeded);
        Assert.True(await IsActiveAsync(registered.Tokens.SessionId));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.DateJoined).SingleAsync()), TimeSpan.FromSeconds(1));

        var again = await WithSignInAsync(s => s.RegisterAsync(new AppUser { Email = email.ToUpperInvariant() }, JwtBlogApp.Password, CancellationToken.None));
        Assert.Same(RegistrationResult.DuplicateEmail, again);
    }
}
