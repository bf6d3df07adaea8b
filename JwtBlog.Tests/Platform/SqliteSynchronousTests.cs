using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace JwtBlog.Tests.Platform;

// SQLite's synchronous setting is per connection: every connection the app's contexts open carries the configured one
// (NORMAL by default: WAL keeps commits across a killed process without a disk flush per commit).
public sealed class SqliteSynchronousTests
{
    [Theory]
    [InlineData(null, 2)]
    [InlineData("Full", 2)]
    [InlineData("normal", 1)]
    public async Task EveryConnectionOfTheAppRunsWithTheConfiguredSetting(string? configured, long expected)
    {
        TestDatabase.SkipUnlessSqlite("the setting is SQLite's");
        using var app = JwtBlogApp.With((SqliteSynchronous.ConfigurationKey, configured));

        // Twice: the second context gets the pooled connection back, which must still carry the setting.
        for (var i = 0; i < 2; i++)
        {
            var synchronous = await app.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA synchronous;";
                return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
            });
            Assert.Equal(expected, synchronous);
        }
    }

    [Fact]
    public void AnUnknownSettingStopsStartUp()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(SqliteSynchronous.ConfigurationKey, "Off")]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => SqliteSynchronous.FromConfiguration(configuration));
        Assert.Contains("\"Off\"", error.Message, StringComparison.Ordinal);
    }
}
