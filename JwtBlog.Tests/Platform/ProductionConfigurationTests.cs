using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Platform;

// What an operator gets wrong gets refused at start: weak keys, long lifetimes; secrets on disk are owner-only.
public sealed class ProductionConfigurationTests
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("abababababababababababababababababababab")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcd")]
    public void ProductionRefusesASigningKeyWithLittleEntropy(string key)
    {
        using var weak = JwtBlogApp.With(("Jwt:SigningKey", key));
        using var production = weak.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("Jwt:SigningKey has too little entropy", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionStartsWithARandomKeyAndWarnsThatTheDataProtectionKeysAreNotEncrypted()
    {
        using var strong = JwtBlogApp.With(
            ("Jwt:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))), ("App:PublicBaseUrl", "https://blog.example"),
            ("Email:PickupDirectory", "mail-pickup"));
        using var production = strong.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        Assert.Equal(HttpStatusCode.OK, (await production.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Contains(strong.Logs.Lines, line => line.Contains("DataProtection:CertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public void ProductionRefusesToBuildEmailLinksFromAnUncheckedHostHeader()
    {
        using var strong = JwtBlogApp.With(("Jwt:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))));
        using var production = strong.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("App:PublicBaseUrl is required in Production", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionRefusesToStartWithoutAMailTransport()
    {
        using var strong = JwtBlogApp.With(
            ("Jwt:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))), ("App:PublicBaseUrl", "https://blog.example"));
        using var production = strong.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("Email:Smtp:Host or Email:PickupDirectory is required in Production", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionStartsWithAnSmtpHostAndNoPickupFolder()
    {
        using var strong = JwtBlogApp.With(
            ("Jwt:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))), ("App:PublicBaseUrl", "https://blog.example"),
            ("Email:Smtp:Host", "127.0.0.1"));
        using var production = strong.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        Assert.Equal(HttpStatusCode.OK, (await production.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Theory]
    [InlineData("ftp://blog.example")]
    [InlineData("/relative")]
    [InlineData("https://blog.example/?q=1")]
    public void APublicBaseUrlMustBeAnHttpOrHttpsBase(string value)
    {
        using var bad = JwtBlogApp.With(("App:PublicBaseUrl", value));
        var error = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        Assert.Contains("App:PublicBaseUrl must be an absolute http or https URL", Flatten(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jwt:AccessTokenLifetime", "1.00:00:01")]
    [InlineData("Jwt:RefreshTokenLifetime", "90.00:00:01")]
    [InlineData("Jwt:AccessTokenLifetime", "00:00:00")]
    [InlineData("Jwt:IdleSessionTimeout", "00:00:30")]
    [InlineData("Jwt:RememberedSessionLifetime", "365.00:00:01")]
    public void TokenLifetimesAreCapped(string key, string value)
    {
        using var tooLong = JwtBlogApp.With((key, value));
        var error = Assert.ThrowsAny<Exception>(() => tooLong.CreateClient());
        Assert.Contains(key.Split(':')[1], Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task TheDataFolderTheDatabaseAndTheKeysAreOwnerOnly()
    {
        TestDatabase.SkipUnlessSqlite("the modes of the database file and the keys folder");
        var root = Directory.CreateTempSubdirectory("jwtblog-modes-").FullName;
        try
        {
            var data = Path.Combine(root, "data");
            var database = Path.Combine(root, "db", "blog.db");
            await using (var app = JwtBlogApp.With(("DataDirectory", data), ("ConnectionStrings:Default", $"Data Source={database}"), ("Jwt:SigningKey", "")))
            {
                await app.CreateUserAsync();
                Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/login")).StatusCode);
            }

            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(data, "keys")));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data, "jwt-signing-key")));
            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.GetDirectoryName(database)!));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(database));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task DataProtectionKeysAreEncryptedWithTheConfiguredCertificate()
    {
        var root = Directory.CreateTempSubdirectory("jwtblog-cert-").FullName;
        try
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=jwtblog-tests", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var pfx = Path.Combine(root, "keys.pfx");
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));

            await using var app = JwtBlogApp.With(("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", "pfx-password"));
            Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync("/login")).StatusCode);

            // The key ring is in the data folder on SQLite, in the database's own table on PostgreSQL.
            var keyXml = TestDatabase.IsPostgres
                ? await app.WithDbAsync(db => ((PostgresAppDbContext)db).DataProtectionKeys.Select(k => k.Xml!).SingleAsync())
                : await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "key-*.xml")));
            Assert.Contains("<encryptedSecret", keyXml, StringComparison.Ordinal);
            Assert.DoesNotContain("unencrypted form", keyXml, StringComparison.Ordinal);

            // The protected keys still work: a form posted with its antiforgery token is accepted.
            var signedIn = await app.SignInAsync();
            var logout = await signedIn.Client.SubmitAsync(Html.Form(await Html.GetDocumentAsync(signedIn.Client, "/account"), "#logout-form"));
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task AProductionStartWithoutAKeyFailsWithOneLineAndWritesNothing()
    {
        var root = Directory.CreateTempSubdirectory("jwtblog-start-").FullName;
        try
        {
            var data = Path.Combine(root, "data");
            var app = typeof(Program).Assembly.Location;
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(app)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(app);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(data, "blog.db")}";
            start.Environment["DataDirectory"] = data;
            start.Environment["App__PublicBaseUrl"] = "https://blog.example";
            start.Environment["Email__PickupDirectory"] = Path.Combine(root, "mail");
            start.Environment.Remove("Jwt__SigningKey");

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var error = (await stderr).Trim();
            Assert.NotEqual(0, process.ExitCode);
            Assert.StartsWith("Jwt:SigningKey is not set.", error, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error);
            Assert.DoesNotContain("Exception", await stdout, StringComparison.Ordinal);
            Assert.False(Directory.Exists(data), "A refused start must not create the data folder or the database.");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Flatten(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);
}
