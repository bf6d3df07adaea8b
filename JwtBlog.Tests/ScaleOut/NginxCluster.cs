using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using JwtBlog.Tests.Infrastructure;
using Npgsql;

namespace JwtBlog.Tests.ScaleOut;

// The production topology on loopback, once per test class: the published app (JWTBLOG_PUBLISHED_APP, which .ci/run
// sets after publishing once, else published here), two processes A and B on one fresh PostgreSQL database with Redis
// (JWTBLOG_TEST_POSTGRES, JWTBLOG_TEST_REDIS), their environment taken from deploy/jwtblog.env, and nginx in front,
// built from deploy/nginx-jwtblog.conf. Anything missing makes every test skip with the reason, or fail under
// JWTBLOG_REQUIRE_SCALEOUT=1 (CI).
public sealed class NginxCluster : IAsyncLifetime
{
    public const string PublishedAppVariable = "JWTBLOG_PUBLISHED_APP";
    private const string RequireVariable = "JWTBLOG_REQUIRE_SCALEOUT";

    // Values the test gives instead of the env file's placeholders; each must be a key the file has, so the file
    // and this test cannot drift apart silently.
    private static readonly string[] _placeholderKeys =
        ["Jwt__SigningKey", "ConnectionStrings__Default", "Redis__Configuration", "Email__Smtp__Host", "DataDirectory"];

    private readonly string _folder = Directory.CreateTempSubdirectory("jwtblog-nginx-").FullName;
    private readonly string _repository = RepositoryRoot();
    private string? _database;
    private string? _publishedApp;
    private TestSmtpServer? _smtp;
    private int _nextClient = 1;
    private Dictionary<string, string> _environment = [];

    public string? MissingReason { get; private set; }

    public PublishedAppProcess A { get; private set; } = null!;

    public PublishedAppProcess B { get; private set; } = null!;

    public NginxProcess Nginx { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        MissingReason = FindMissing();
        if (MissingReason is not null)
        {
            return;
        }

        Directory.CreateDirectory(_folder);
        _publishedApp = Environment.GetEnvironmentVariable(PublishedAppVariable) is { Length: > 0 } published
            ? published
            : await PublishAsync();
        _database = TestDatabase.NewPostgresDatabaseName();
        await using (var server = new NpgsqlConnection(TestDatabase.PostgresConnectionString("postgres")))
        {
            await server.OpenAsync();
            await using var create = server.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{_database}\"";
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = TestDatabase.PostgresConnectionString(_database);
        _smtp = await TestSmtpServer.StartNewAsync();
        _environment = OperatorEnvironment();
        await PublishedAppProcess.MigrateAsync(_publishedApp, _environment);
        var ports = FreePorts(3);
        var startA = PublishedAppProcess.StartAsync("A", _publishedApp, WithDataDirectory("a"), ports[0]);
        var startB = PublishedAppProcess.StartAsync("B", _publishedApp, WithDataDirectory("b"), ports[1]);
        try
        {
            A = await startA;
        }
        finally
        {
            B = await startB;
        }

        var site = NginxProcess.SiteWithoutTls(Path.Combine(_repository, "deploy", "nginx-jwtblog.conf"), ports[2], A.Port, B.Port);
        Nginx = await NginxProcess.StartAsync(NginxProcess.FindBinary()!, Path.Combine(_folder, "nginx"), site, ports[2]);
        await WaitUntilBothAnswerAsync();
    }

    // Every test calls this first.
    public void SkipUnlessRunning()
    {
        if (MissingReason is not null)
        {
            Assert.False(Environment.GetEnvironmentVariable(RequireVariable) == "1", MissingReason + $" {RequireVariable}=1 makes this a failure.");
            Assert.Skip(MissingReason);
        }
    }

    // A client from a loopback address no other client of this class uses.
    public ClusterClient NewClient() =>
        new(Nginx.Port, IPAddress.Parse("127.0.0." + (1 + Interlocked.Increment(ref _nextClient)).ToString(CultureInfo.InvariantCulture)));

    // Starts A again (after a test killed it) and waits until nginx sends to it again.
    public async Task RestartAAsync()
    {
        var port = A.Port;
        A.Dispose();
        A = await PublishedAppProcess.StartAsync("A", _publishedApp!, WithDataDirectory("a"), port);
        await WaitUntilBothAnswerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Nginx?.Dispose();
        A?.Dispose();
        B?.Dispose();
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        if (_database is not null)
        {
            TestDatabase.DropPostgresDatabase(_database);
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static string? FindMissing()
    {
        if (Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable) is not { Length: > 0 })
        {
            return $"No PostgreSQL: set {TestDatabase.PostgresVariable} (.ci/services.sh starts one).";
        }

        if (Environment.GetEnvironmentVariable("JWTBLOG_TEST_REDIS") is not { Length: > 0 })
        {
            return "No Redis: set JWTBLOG_TEST_REDIS (e.g. 127.0.0.1:6379; .ci/services.sh starts one).";
        }

        return NginxProcess.FindBinary() is null ? "No nginx: apt-get install nginx-light." : null;
    }

    // deploy/jwtblog.env as an operator fills it in, with this test's servers and secrets in place of the placeholders.
    private Dictionary<string, string> OperatorEnvironment()
    {
        var file = File.ReadAllLines(Path.Combine(_repository, "deploy", "jwtblog.env"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        foreach (var key in _placeholderKeys.Where(key => !file.ContainsKey(key)))
        {
            throw new InvalidOperationException($"deploy/jwtblog.env no longer sets {key}; update {nameof(NginxCluster)}.");
        }

        file["Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        file["ConnectionStrings__Default"] = ConnectionString;
        file["Redis__Configuration"] = Environment.GetEnvironmentVariable("JWTBLOG_TEST_REDIS")!;
        file["Email__Smtp__Host"] = "127.0.0.1";
        file["Email__Smtp__Port"] = _smtp!.Port.ToString(CultureInfo.InvariantCulture);
        file["Email__Smtp__Security"] = "None";
        file["DataDirectory"] = Path.Combine(_folder, "data");
        // Test-only limits: the per-IP auth limit low enough to reach in a few requests, and the write load of one
        // user not stopped by the per-user post limit.
        file["RateLimiting__AuthRequestsPerMinutePerIp"] = BehindNginxTests.AuthRequestsPerMinutePerIp.ToString(CultureInfo.InvariantCulture);
        file["RateLimiting__PostsPerMinutePerUser"] = "1000000";
        file["RateLimiting__PostsPerDayPerUser"] = "1000000";
        return file;
    }

    private Dictionary<string, string> WithDataDirectory(string instance) =>
        new(_environment) { ["DataDirectory"] = Path.Combine(_folder, "data-" + instance) };

    // /health/ready through nginx until each instance has answered 200 once: every try is a real request.
    private async Task WaitUntilBothAnswerAsync()
    {
        using var client = new ClusterClient(Nginx.Port, IPAddress.Loopback);
        var ready = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        while (ready.Count < 2)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"Not both instances ready through nginx: {string.Join(", ", ready)}\n{Nginx.ErrorLog}");
            }

            using var response = await client.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                ready.Add(ClusterClient.AnsweredBy(response));
            }
        }
    }

    private async Task<string> PublishAsync()
    {
        var output = Path.Combine(_folder, "published");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", Path.Combine(_repository, "JwtBlog.Web"), "-c", "Release", "-o", output })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"dotnet publish failed: {await log}{await error}");
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "JwtBlog.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("JwtBlog.sln not found above " + AppContext.BaseDirectory);
    }
}
