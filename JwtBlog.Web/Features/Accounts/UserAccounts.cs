using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Accounts;

// Creating users and changing passwords, shared by the API, the admin pages and the management commands.
public sealed class UserAccounts(
    AppDbContext db,
    UserManager<AppUser> users,
    PasswordHashing hashing,
    TokenService tokens,
    SecurityNotices notices,
    TimeProvider time)
{
    public const string DuplicateEmail = "Join.DuplicateEmail";

    // The lookup key comes from the registered ILookupNormalizer (EmailLookupNormalizer).
    public Task<AppUser?> FindByEmailAsync(string email) => users.FindByEmailAsync(email);

    // Every registered IPasswordValidator (Django's rules among them), as UserManager's own flows apply them.
    public async Task<IReadOnlyList<IdentityError>> ValidatePasswordAsync(AppUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        return errors;
    }

    // The caller has validated the fields and the password. Returns false when the email is taken (also by a racing request).
    public async Task<bool> CreateAsync(AppUser user, string password, CancellationToken ct)
    {
        user.Email = EmailAddress.Normalize(user.Email!);
        user.UserName = user.Email;
        user.DateJoined = time.GetUtcNow().UtcDateTime;
        if (user.IsSuperuser)
        {
            user.IsStaff = true;
        }

        // Callers have already told the user about a taken email; Identity's validator (and the unique index, for a
        // racing request) catch the rest, so no lookup is repeated here.
        user.PasswordHash = await hashing.HashAsync(password, ct);
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user);
        }
        catch (DbUpdateException)
        {
            // Another request registered the same email between the check and the insert.
            db.ChangeTracker.Clear();
            if (await users.FindByEmailAsync(user.Email) is not null)
            {
                return false;
            }

            throw;
        }

        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return false;
        }

        return result.Succeeded
            ? true
            : throw new InvalidOperationException("Could not create the user: " + string.Join("; ", result.Errors.Select(e => e.Code)));
    }

    // A new password ends every session of the user but the one named; the security stamp changes too. One write
    // transaction: a new password never stays behind with the old sessions still alive, and the "your password was
    // changed" notice is stored with it (every route that sets a password comes here). Returns the sessions ended.
    // The caller has validated the password; SignInService.SetPasswordAsync also logs who set it.
    public async Task<int> SetPasswordAsync(AppUser user, string password, string? keepSessionId, CancellationToken ct)
    {
        var hash = await hashing.HashAsync(password, ct);
        return await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                user.PasswordHash = hash;
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                notices.PasswordChanged(user);
                await db.SaveChangesAsync(token);
                return await tokens.EndSessionsAsync(user.Id, keepSessionId, token);
            },
            ct);
    }
}
