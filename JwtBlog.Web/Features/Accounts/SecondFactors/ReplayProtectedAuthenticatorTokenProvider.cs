using JwtBlog.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// Identity's authenticator provider (registered under TokenOptions.DefaultAuthenticatorProvider), with two changes:
// time comes from TimeProvider, and a code is accepted once. Identity's own reads the wall clock and cannot say which
// time step matched, which the replay rule needs.
public sealed class ReplayProtectedAuthenticatorTokenProvider(AppDbContext db, TimeProvider time) : IUserTwoFactorTokenProvider<AppUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    // The authenticator app generates the codes, not the server.
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    // The matched step is stored in the same statement that checks it is newer than the last one accepted, so two
    // requests with the same code cannot both succeed.
    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || Totp.MatchingTimeStep(key, token, time.GetUtcNow()) is not { } step)
        {
            return false;
        }

        var accepted = await db.TotpAuthenticators
            .Where(a => a.UserId == user.Id && (a.LastAcceptedTimeStep == null || a.LastAcceptedTimeStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastAcceptedTimeStep, step));
        return accepted == 1;
    }
}
