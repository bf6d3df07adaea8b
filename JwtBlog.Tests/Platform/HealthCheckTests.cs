using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Platform;

public sealed class HealthCheckTests
{
    [Fact]
    public async Task LiveAndReadyAnswerWhileTheDatabaseDoes()
    {
        using var app = new JwtBlogApp();
        var client = app.CreateClient();
        Assert.Equal("{\"status\":\"ok\"}", await (await client.GetAsync("/health")).RawJsonAsync(HttpStatusCode.OK));
        Assert.Equal("Healthy", await AnswerAsync(client, "/health/live", HttpStatusCode.OK));
        Assert.Equal("Healthy", await AnswerAsync(client, "/health/ready", HttpStatusCode.OK));
    }

    [Fact]
    public async Task ReadyFailsWhenTheDatabaseIsUnreachableWhileLiveStillAnswers()
    {
        using var app = new JwtBlogApp();
        var client = app.CreateClient();
        Assert.Equal("Healthy", await AnswerAsync(client, "/health/ready", HttpStatusCode.OK));

        app.BreakDatabase();

        Assert.Equal("Unhealthy", await AnswerAsync(client, "/health/ready", HttpStatusCode.ServiceUnavailable));
        Assert.Equal("Healthy", await AnswerAsync(client, "/health/live", HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private static async Task<string> AnswerAsync(HttpClient client, string url, HttpStatusCode expected)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
