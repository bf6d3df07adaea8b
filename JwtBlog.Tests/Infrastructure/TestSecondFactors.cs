using System.Collections.Concurrent;
using System.Globalization;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Infrastructure;

// Authenticator apps enrolled straight through the app's services, remembered per user so that sign-in helpers can
// finish a two-step login (with a recovery code: activation has already used the current TOTP step).
public sealed class TestSecondFactors(JwtBlogApp app)
{
    private readonly ConcurrentDictionary<int, Enrolment> _enrolled = new();

    public async Task<Enrolment> EnrolAsync(AppUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var factors = scope.ServiceProvider.GetRequiredService<UserSecondFactors>();
        var stored = (await users.FindByIdAsync(user.Id.ToString(CultureInfo.InvariantCulture)))!;
        var setup = (await factors.BeginTotpSetupAsync(stored, CancellationToken.None))!;
        var codes = await factors.ActivateTotpAsync(stored, TotpCodes.At(setup.Secret, app.Clock.GetUtcNow()), CancellationToken.None);
        Assert.NotNull(codes);
        var enrolment = new Enrolment(setup.Secret, new ConcurrentQueue<string>(codes));
        _enrolled[user.Id] = enrolment;
        return enrolment;
    }

    public Enrolment? Find(AppUser user) => _enrolled.GetValueOrDefault(user.Id);

    public sealed record Enrolment(string Secret, ConcurrentQueue<string> RecoveryCodes)
    {
        public string NextRecoveryCode() => RecoveryCodes.TryDequeue(out var code) ? code : throw new InvalidOperationException("No recovery code left.");
    }
}
