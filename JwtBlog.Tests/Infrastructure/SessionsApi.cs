using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace JwtBlog.Tests.Infrastructure;

// /accounts/sessions/ as a client calls it.
public static class SessionsApi
{
    public const string List = "/accounts/sessions/";
    public const string EndOthers = "/accounts/sessions/end-others/";

    public static async Task<JsonArray> ListSessionsAsync(this HttpClient client)
    {
        var response = await client.GetAsync(List);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    public static async Task<string> CurrentSessionIdAsync(this HttpClient client) =>
        (string)(await client.ListSessionsAsync()).Single(s => (bool)s!["current"]!)!["id"]!;

    public static Task<HttpResponseMessage> EndSessionAsync(this HttpClient client, string id) =>
        client.SendJsonAsync(HttpMethod.Delete, $"/accounts/sessions/{id}/");

    public static Task<HttpResponseMessage> EndOtherSessionsAsync(this HttpClient client) => client.PostAsync(EndOthers, null);
}
