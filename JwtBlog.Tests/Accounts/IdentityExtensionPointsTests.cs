using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Accounts;

// Identity's own flows see the app's rules: Django's password validators, Django's email keys, token providers, mail seam.
public sealed class IdentityExtensionPointsTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    [Fact]
    public async Task UserManagerAppliesDjangosPasswordRules()
    {
        var result = await WithUsersAsync(users => users.CreateAsync(new AppUser { Email = app.NewEmail(), UserName = app.NewEmail() }, "123"));

        Assert.False(result.Succeeded);
        Assert.Equal(
            ["This password is too short. It must contain at least 8 characters.", "This password is too common.", "This password is entirely numeric."],
            result.Errors.Select(e => e.Description));
    }

    [Fact]
    public async Task EmailKeysAreUpperCasedWithTheDomainInPunycodeAsBefore()
    {
        var normalized = await WithUsersAsync(users => Task.FromResult(users.NormalizeEmail("Someone@Bücher.Example")));
        Assert.Equal("SOMEONE@XN--BCHER-KVA.EXAMPLE", normalized);

        var user = await app.CreateUserAsync(email: $"Mixed.{Guid.NewGuid():N}@Bücher.Example");
        Assert.Equal(new UpperInvariantLookupNormalizer().NormalizeEmail(EmailAddress.Normalize(user.Email!)), user.NormalizedEmail);
        Assert.Equal(user.NormalizedEmail, user.NormalizedUserName);
        var found = await WithUsersAsync(users => users.FindByEmailAsync(user.Email!.Replace("xn--bcher-kva.example", "BÜCHER.example", StringComparison.Ordinal)));
        Assert.Equal(user.Id, found?.Id);
    }

    [Fact]
    public async Task DefaultTokenProvidersIssueResetTokensThatTheRulesStillGuard()
    {
        var user = await app.CreateUserAsync();
        var rejected = await WithUsersAsync(async users =>
        {
            var stored = (await users.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
            var token = await users.GeneratePasswordResetTokenAsync(stored);
            Assert.True(await users.VerifyUserTokenAsync(stored, TokenOptions.DefaultProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token));
            Assert.False(await users.VerifyUserTokenAsync(stored, TokenOptions.DefaultProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token + "x"));
            return await users.ResetPasswordAsync(stored, token, "password");
        });

        Assert.Equal("This password is too common.", Assert.Single(rejected.Errors).Description);
    }

    [Fact]
    public async Task TheEmailSenderPutsTheMessageInTheCallersOutboxAndSendsNothingItself()
    {
        var user = await app.CreateUserAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<IEmailSender<AppUser>>();
            Assert.IsType<OutboxEmailSender>(sender);
            await sender.SendPasswordResetLinkAsync(user, user.Email!, "https://example.com/reset/secret-reset-code");

            // Stored only by the caller's SaveChanges, with the caller's change (the outbox sender may deliver it at once after).
            Assert.Empty(await app.Outbox.ToAsync(user.Email!));
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        var message = Assert.Single(await app.Outbox.ToAsync(user.Email!));
        Assert.Equal("[JwtBlog] Reset your password", message.Subject);
        Assert.Contains("https://example.com/reset/secret-reset-code", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://example.com/reset/secret-reset-code", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("secret-reset-code", StringComparison.Ordinal));
    }
}
