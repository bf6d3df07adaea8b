using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Platform;

public sealed class StartupAndSchemaTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task EveryModelChangeIsCoveredByAMigration()
    {
        var pending = await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending, "The model has changes no migration covers: run dotnet ef migrations add.");
    }

    // Whichever database the tests run on, PostgreSQL's migrations set must cover the model too (no server needed).
    [Fact]
    public void EveryModelChangeIsCoveredByAPostgresMigration()
    {
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql("Host=localhost;Database=model_only")
            .UseApplicationServiceProvider(app.Services)
            .Options;
        using var db = new PostgresAppDbContext(options);
        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The model has changes no PostgreSQL migration covers: run dotnet ef migrations add with --context PostgresAppDbContext (README).");
    }

    [Fact]
    public async Task TheDatabaseIsAMigratedSqliteFileInWalMode()
    {
        TestDatabase.SkipUnlessSqlite("the database file and its journal mode");
        await app.CreateUserAsync();
        Assert.True(File.Exists(app.DatabasePath));
        var mode = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());
        Assert.Equal("wal", Assert.Single(mode));
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task ResponsesCarryTheSecurityHeaders()
    {
        foreach (var path in new[] { "/login", "/health", "/accounts/test/" })
        {
            var response = await app.CreateClient().GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.True(response.Headers.Contains("Referrer-Policy"));
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Fact]
    public async Task PagesWriteKoreanAsTextNotCharacterReferences()
    {
        var signedIn = await app.SignInAsync();
        var created = await signedIn.Client.PostJsonAsync("/blog/", new { title = "첫 글", content = "내용입니다" });
        var location = created.Headers.Location!.ToString();
        var id = location.TrimEnd('/').Split('/').Last();
        var html = await (await app.CreateClient().GetAsync($"/posts/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("첫 글", html);
        Assert.Contains("내용입니다", html);
    }

    [Fact]
    public async Task StaticAssetsAreServedFromWwwrootAssets()
    {
        var css = await app.CreateClient().GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var js = await app.CreateClient().GetAsync("/js/api.js");
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal("nosniff", js.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public void ProductionWithoutASigningKeyRefusesToStart()
    {
        using var production = JwtBlogApp.With(("Jwt:SigningKey", ""));
        using var factory = production.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Jwt:SigningKey is not set", Flatten(error));
    }

    [Fact]
    public void AShortSigningKeyRefusesToStart()
    {
        using var shortKey = JwtBlogApp.With(("Jwt:SigningKey", "too-short-key"));
        var error = Assert.ThrowsAny<Exception>(() => shortKey.CreateClient());
        Assert.Contains("at least 32", Flatten(error));
    }

    [Fact]
    public async Task WithoutAConfiguredKeyOneIsGeneratedInTheDataFolderAndKept()
    {
        using var generated = JwtBlogApp.With(("Jwt:SigningKey", ""));
        var user = await generated.CreateUserAsync();
        var login = await generated.CreateClient().PostJsonAsync("/accounts/login/", new { email = user.Email, password = JwtBlogApp.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var keyFile = Path.Combine(generated.DataDirectory, "jwt-signing-key");
        Assert.True(File.Exists(keyFile));
        Assert.True(Convert.FromBase64String(await File.ReadAllTextAsync(keyFile)).Length >= 32);
    }

    private static string Flatten(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);
}
