using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtBlog.Tests.Infrastructure;

public static class Api
{
    public const string TestSigningKey = "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    // The /accounts API through this client: client.Accounts().LoginAsync(email).
    public static AccountsApi Accounts(this HttpClient client) => new(client);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    // POST /blog/ as the client, answered 201; the post as the API returned it.
    public static async Task<JsonObject> CreatePostAsync(this HttpClient client, string title = "A title", string content = "Some content")
    {
        var response = await client.PostAsJsonAsync("/blog/", new { title, content });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync())["post"]!.AsObject();
    }

    // A date as the API writes it.
    public static string ApiDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static Task<HttpResponseMessage> GetWithBearerAsync(this HttpClient client, string url, string token) =>
        client.SendJsonAsync(HttpMethod.Get, url, bearer: token);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    // The body as compact JSON, for comparing with the contract's literal answers.
    public static async Task<string> RawJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var json = await response.JsonAsync(expected);
        return JsonSerializer.Serialize(json, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public static IEnumerable<string> SetCookies(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    public static string? SetCookie(this HttpResponseMessage response, string name) =>
        response.SetCookies().FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    public static string CookieValue(string setCookie) => setCookie[(setCookie.IndexOf('=') + 1)..setCookie.IndexOf(';')];

    public static Dictionary<string, object> Claims(string jwt) =>
        new JsonWebToken(jwt).Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => (object)g.First().Value);

    // Mints a token with any claims, key and algorithm, to play the attacker.
    public static string Mint(Dictionary<string, object> claims, string key = TestSigningKey, string algorithm = SecurityAlgorithms.HmacSha256,
        string issuer = "JwtBlog", string audience = "JwtBlog")
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
        });
    }

    // The same claims as a valid token, re-signed or re-shaped by the caller.
    public static Dictionary<string, object> ClaimsForRemint(string jwt)
    {
        var token = new JsonWebToken(jwt);
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload)).RootElement;
        var claims = new Dictionary<string, object>();
        foreach (var property in payload.EnumerateObject())
        {
            if (property.Name is "iss" or "aud")
            {
                continue;
            }

            claims[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Number => property.Value.GetInt64(),
                JsonValueKind.Array => property.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(),
                _ => property.Value.GetString()!,
            };
        }

        return claims;
    }
}
