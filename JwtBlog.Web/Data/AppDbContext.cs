using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using JwtBlog.Web.Features.Admin;
using JwtBlog.Web.Features.Blog;
using JwtBlog.Web.Features.Email;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace JwtBlog.Web.Data;

// Add a migration after changing the model, for each provider (PostgresAppDbContext is the PostgreSQL one):
//   dotnet ef migrations add <Name> --project JwtBlog.Web --context AppDbContext --output-dir Data/Migrations
//   dotnet ef migrations add <Name> --project JwtBlog.Web --context PostgresAppDbContext --output-dir Data/Migrations/Postgres \
//     -- --Database:Provider=Postgres --ConnectionStrings:Default=Host=localhost
public class AppDbContext : IdentityUserContext<AppUser, int>
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options)
    {
    }

    protected AppDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<RefreshTokenRecord> RefreshTokens => Set<RefreshTokenRecord>();
    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<AdminLogEntry> AdminLog => Set<AdminLogEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<TotpAuthenticator> TotpAuthenticators => Set<TotpAuthenticator>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<MfaChallenge> MfaChallenges => Set<MfaChallenge>();
    public DbSet<PendingPasswordReset> PendingPasswordResets => Set<PendingPasswordReset>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GiveNewUsersDisplayNames();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GiveNewUsersDisplayNames();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Every way a user is created (join, createsuperuser, the admin, Identity's stores) passes here, so none is
    // stored without a public name.
    private void GiveNewUsersDisplayNames()
    {
        foreach (var entry in ChangeTracker.Entries<AppUser>())
        {
            if (entry.State == EntityState.Added && string.IsNullOrWhiteSpace(entry.Entity.DisplayName))
            {
                entry.Entity.DisplayName = DisplayNames.Default(entry.Entity.FirstName, entry.Entity.LastName, entry.Entity.Email);
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no time zone: every DateTime is UTC going in and is marked UTC coming out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            user.ToTable("Users");
            user.Property(u => u.Email).HasMaxLength(AppUser.EmailMaxLength);
            user.Property(u => u.UserName).HasMaxLength(AppUser.EmailMaxLength);
            user.Property(u => u.FirstName).HasMaxLength(AppUser.NameMaxLength);
            user.Property(u => u.LastName).HasMaxLength(AppUser.NameMaxLength);
            user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength).IsRequired();
            user.Property(u => u.Gender).HasMaxLength(6);
            user.Property(u => u.PendingEmail).HasMaxLength(AppUser.EmailMaxLength);
            user.HasIndex(u => u.EmailConfirmed);
            user.HasIndex(u => u.DateJoined);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<int>>().ToTable("UserClaims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<int>>().ToTable("UserLogins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<int>>().ToTable("UserTokens");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserPasskey<int>>().ToTable("UserPasskeys");

        builder.Entity<UserSession>(session =>
        {
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasMaxLength(32);
            session.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.HasMany(s => s.RefreshTokens).WithOne().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
            session.HasIndex(s => s.ExpiresAt);
            // Sessions from before methods were recorded were password sign-ins; their auth_time stays 0, so a
            // re-authentication is asked of them first.
            session.Property(s => s.AuthMethods).HasMaxLength(40).HasDefaultValue(AuthenticationMethods.Password);
            session.Property(s => s.IpAddress).HasMaxLength(UserSession.IpAddressMaxLength);
            session.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
        });

        builder.Entity<RefreshTokenRecord>(token =>
        {
            token.HasKey(t => t.Jti);
            token.Property(t => t.Jti).HasMaxLength(32);
            token.Property(t => t.ReplacedByJti).HasMaxLength(32);
            token.Property(t => t.ConsumedByUserAgentHash).HasMaxLength(RefreshClient.UserAgentHashLength);
            token.Property(t => t.ConsumedFromAddressPrefix).HasMaxLength(RefreshClient.AddressPrefixMaxLength);
        });

        builder.Entity<LoginThrottle>(throttle =>
        {
            throttle.HasKey(t => t.NormalizedEmail);
            throttle.Property(t => t.NormalizedEmail).HasMaxLength(AppUser.EmailMaxLength);
        });

        builder.Entity<Post>(post =>
        {
            post.Property(p => p.Title).HasMaxLength(Post.TitleMaxLength);
            post.Property(p => p.Content).HasMaxLength(Post.ContentMaxLength);
            post.HasOne(p => p.Author).WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<AdminLogEntry>(entry =>
        {
            entry.Property(e => e.ActorEmail).HasMaxLength(AppUser.EmailMaxLength);
            entry.Property(e => e.ObjectType).HasMaxLength(20);
            entry.Property(e => e.ObjectId).HasMaxLength(20);
            entry.Property(e => e.ObjectLabel).HasMaxLength(200);
            entry.Property(e => e.Action).HasMaxLength(20);
            entry.Property(e => e.Summary).HasMaxLength(1000);
        });

        builder.Entity<PendingPasswordReset>(request =>
        {
            request.Property(r => r.Email).HasMaxLength(AppUser.EmailMaxLength);
            request.Property(r => r.LinkBase).HasMaxLength(PendingPasswordReset.LinkBaseMaxLength);
            request.Property(r => r.Language).HasMaxLength(PendingPasswordReset.LanguageMaxLength);
        });

        builder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("Outbox");
            message.Property(m => m.To).HasMaxLength(OutboxMessage.AddressMaxLength);
            message.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
            message.Property(m => m.ClaimedBy).HasMaxLength(64);
            message.Property(m => m.LastError).HasMaxLength(1000);
            message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        });

        ConfigureSecondFactors(builder);
    }

    // Second factors (issue 11): the authenticator's state, hashed recovery codes, and pending two-step sign-ins.
    private static void ConfigureSecondFactors(ModelBuilder builder)
    {
        builder.Entity<TotpAuthenticator>(authenticator =>
        {
            authenticator.HasKey(a => a.UserId);
            authenticator.HasOne<AppUser>().WithOne().HasForeignKey<TotpAuthenticator>(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RecoveryCode>(code =>
        {
            code.Property(c => c.CodeHash).HasMaxLength(RecoveryCode.HashLength);
            code.HasIndex(c => new { c.UserId, c.CodeHash });
            code.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MfaChallenge>(challenge =>
        {
            challenge.HasKey(c => c.TokenHash);
            challenge.Property(c => c.TokenHash).HasMaxLength(64);
            challenge.Property(c => c.SecurityStamp).HasMaxLength(64);
            challenge.HasIndex(c => c.ExpiresAt);
            challenge.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    internal sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
