using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Data;

// Hands out PostgresAppDbContext wherever the app asks for an AppDbContext factory.
public sealed class PostgresContextFactory(IDbContextFactory<PostgresAppDbContext> postgres) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => postgres.CreateDbContext();

    public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await postgres.CreateDbContextAsync(cancellationToken);
}
