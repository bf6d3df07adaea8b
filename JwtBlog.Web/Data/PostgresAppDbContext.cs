using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Data;

// The same model on PostgreSQL. Its own type only so that its migrations (Data/Migrations/Postgres) are told apart
// from SQLite's; the app injects it as AppDbContext. Several instances share the Data Protection keys through it.
// Add a migration after changing the model:
//   dotnet ef migrations add <Name> --project JwtBlog.Web --context PostgresAppDbContext --output-dir Data/Migrations/Postgres \
//     -- --Database:Provider=Postgres --ConnectionStrings:Default=Host=localhost
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
