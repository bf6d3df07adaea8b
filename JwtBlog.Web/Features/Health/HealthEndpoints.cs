using JwtBlog.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Health;

// /health/live: the process answers (no checks). /health/ready: the database answers a query on the schema, so
// a missing, unreadable or unmigrated database is 503. /health keeps its original {"status": "ok"}.
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddHealthEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>(
            "database",
            tags: [ReadyTag],
            customTestQuery: async (db, ct) =>
            {
                await db.Users.AsNoTracking().AnyAsync(ct);
                return true;
            });
        return builder;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
