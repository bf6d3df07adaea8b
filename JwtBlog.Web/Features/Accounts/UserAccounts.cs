using JwtBlog.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Accounts;

// Creating users and changing passwords, shared by the API, the admin pages and the management commands.
public sealed class UserAccounts(
    AppDbContext db,
    UserManager<AppUser> users,
    PasswordHashing hashing,
    TokenService tokens,
    TimeProvider time)
{
    public const string DuplicateEmail = "A user is already registered with this e-mail address.";

    public Task<AppUser?> FindByEmailAsync(string email) => users.FindByEmailAsync(EmailAddress.Normalize(email));

    // The whole Django rule set, similarity to the user's own email and names included.
    public static List<string> CheckPassword(string password, string email, string firstName, string lastName)
    {
        var errors = PasswordRules.Check(password);
        if (errors.Count == 0 && PasswordRules.CheckSimilarity(password, email, firstName, lastName) is { } similar)
        {
            errors.Add(similar);
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

    // A new password ends every session of the user but the one named; the security stamp changes too.
    // One transaction: a new password never stays behind with the old sessions still alive.
    public async Task SetPasswordAsync(AppUser user, string password, string? keepSessionId, CancellationToken ct)
    {
        user.PasswordHash = await hashing.HashAsync(password, ct);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        await tokens.EndSessionsAsync(user.Id, keepSessionId, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }
}
