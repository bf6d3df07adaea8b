using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.ApiContract;

// The OpenAPI document and the real answers cannot drift: every operation is called for its main answers, and each
// status and every property name of each body must be declared for that path and method.
public sealed class OpenApiContractTests : IDisposable
{
    private readonly JwtBlogApp _app = JwtBlogApp.With(("RateLimiting:PostsPerMinutePerUser", "3"));
    private readonly HashSet<string> _covered = [];
    private JsonObject _document = null!;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheDocumentIsOpenApi31WithBothSecuritySchemesAndTheRequestLimits()
    {
        var document = await ReadDocumentAsync();

        Assert.StartsWith("3.1", (string)document["openapi"]!, StringComparison.Ordinal);
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", (string)schemes["bearer"]!["scheme"]!);
        Assert.Equal("my-app-auth", (string)schemes["cookie"]!["name"]!);
        Assert.Equal("cookie", (string)schemes["cookie"]!["in"]!);
        Assert.Equal("X-CSRF-TOKEN", (string)schemes["csrf"]!["name"]!);

        var create = document["paths"]!["/blog/"]!["post"]!;
        var cookieWithCsrf = create["security"]!.AsArray().Select(r => string.Join(",", r!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)));
        Assert.Equal(["bearer", "cookie,csrf"], cookieWithCsrf);
        var title = Resolve(document, create["requestBody"]!["content"]!["application/json"]!["schema"]!)["properties"]!["title"]!;
        Assert.Equal(100, (int)title["maxLength"]!);
        var join = Resolve(document, document["paths"]!["/accounts/join/"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!);
        Assert.Equal(150, (int)join["properties"]!["first_name"]!["maxLength"]!);

        var list = document["paths"]!["/blog/"]!["get"]!["parameters"]!.AsArray().ToDictionary(p => (string)p!["name"]!);
        Assert.Equal(["cursor", "limit"], list.Keys.Order(StringComparer.Ordinal));
        Assert.All(list.Values, p => Assert.Equal("query", (string)p!["in"]!));
        Assert.Contains("1 to 100", (string)list["limit"]!["description"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealAnswersOfEveryOperationMatchTheDocument()
    {
        _document = await ReadDocumentAsync();
        var anonymous = _app.CreateBrowser();

        // accounts
        var email = _app.NewEmail();
        await CheckAsync("POST", "/accounts/join/", await anonymous.PostJsonAsync("/accounts/join/",
            new { email, password1 = JwtBlogApp.Password, password2 = JwtBlogApp.Password, first_name = "Ann", gender = "female", date_of_birth = "1990-01-02" }));
        await CheckAsync("POST", "/accounts/join/", await anonymous.PostJsonAsync("/accounts/join/", new { email = "nope", password1 = "1" }));
        await CheckAsync("POST", "/accounts/join/", await anonymous.PostRawAsync("/accounts/join/", "email=a", "application/x-www-form-urlencoded"));

        await CheckAsync("POST", "/accounts/login/", await anonymous.PostJsonAsync("/accounts/login/", new { email, password = "wrong" }));
        await CheckAsync("POST", "/accounts/login/", await anonymous.PostRawAsync("/accounts/login/", "[1]"));
        var locked = await _app.CreateUserAsync();
        HttpResponseMessage lockout;
        do
        {
            lockout = await anonymous.PostJsonAsync("/accounts/login/", new { email = locked.Email, password = "wrong" });
        }
        while (lockout.StatusCode == HttpStatusCode.BadRequest);

        await CheckAsync("POST", "/accounts/login/", lockout);

        var signedIn = await _app.SignInAsync();
        var client = signedIn.Client;
        await CheckAsync("POST", "/accounts/login/", await anonymous.PostJsonAsync("/accounts/login/", new { email = signedIn.User.Email, password = JwtBlogApp.Password }));

        await CheckAsync("POST", "/accounts/token/verify/", await client.PostJsonAsync("/accounts/token/verify/", new { token = signedIn.AccessToken }));
        await CheckAsync("POST", "/accounts/token/verify/", await client.PostJsonAsync("/accounts/token/verify/", new { token = "x.y.z" }));
        await CheckAsync("POST", "/accounts/token/verify/", await client.PostJsonAsync("/accounts/token/verify/", new { }));

        await CheckAsync("GET", "/accounts/user/", await client.GetAsync("/accounts/user/"));
        await CheckAsync("GET", "/accounts/user/", await anonymous.GetAsync("/accounts/user/"));
        await CheckAsync("PUT", "/accounts/user/", await client.SendJsonAsync(HttpMethod.Put, "/accounts/user/", new { last_name = "Lee" }));
        await CheckAsync("PUT", "/accounts/user/", await client.SendJsonAsync(HttpMethod.Put, "/accounts/user/", new { gender = "other" }));
        await CheckAsync("PATCH", "/accounts/user/", await client.SendJsonAsync(HttpMethod.Patch, "/accounts/user/", new { date_of_birth = "2000-02-30" }));
        await CheckAsync("PATCH", "/accounts/user/", await client.SendJsonAsync(HttpMethod.Patch, "/accounts/user/", new { first_name = "Bo" }));
        await CheckAsync("GET", "/accounts/test/", await client.GetAsync("/accounts/test/"));
        await CheckAsync("POST", "/accounts/password/reset/", await anonymous.PostJsonAsync("/accounts/password/reset/", new { email }));
        await CheckAsync("POST", "/accounts/password/reset/", await anonymous.PostJsonAsync("/accounts/password/reset/", new { email = "nope" }));
        await CheckAsync("POST", "/accounts/password/reset/confirm/", await anonymous.PostJsonAsync("/accounts/password/reset/confirm/",
            new { uid = "MQ", token = "1-x", new_password1 = "a", new_password2 = "a" }));
        await CheckAsync("POST", "/accounts/join/verify-email/", await anonymous.PostJsonAsync("/accounts/join/verify-email/", new { key = "nope" }));
        await CheckAsync("POST", "/accounts/join/verify-email/", await anonymous.PostJsonAsync("/accounts/join/verify-email/", new { }));
        await CheckAsync("POST", "/accounts/join/resend-email/", await anonymous.PostJsonAsync("/accounts/join/resend-email/", new { email }));
        await CheckAsync("POST", "/accounts/email/change/cancel/", await anonymous.PostJsonAsync("/accounts/email/change/cancel/", new { key = "nope" }));
        await CheckAsync("POST", "/accounts/email/change/", await client.PostJsonAsync("/accounts/email/change/",
            new { new_email = _app.NewEmail(), password = "wrong" }));
        await CheckAsync("POST", "/accounts/email/change/", await client.PostJsonAsync("/accounts/email/change/",
            new { new_email = _app.NewEmail(), password = JwtBlogApp.Password }));

        // passkeys
        using (var authenticator = new SoftwareAuthenticator())
        {
            var creation = await client.PostAsync("/accounts/passkeys/options/", null);
            await CheckAsync("POST", "/accounts/passkeys/options/", creation);
            await CheckAsync("POST", "/accounts/passkeys/", await client.PostJsonAsync("/accounts/passkeys/", new { credential = 1 }));
            var creationOptions = await (await client.PostAsync("/accounts/passkeys/options/", null)).JsonAsync(HttpStatusCode.OK);
            var added = await client.PostJsonAsync("/accounts/passkeys/", new { credential = authenticator.Create(creationOptions), name = "Key" });
            await CheckAsync("POST", "/accounts/passkeys/", added);
            await CheckAsync("GET", "/accounts/passkeys/", await client.GetAsync("/accounts/passkeys/"));
            await CheckAsync("GET", "/accounts/passkeys/", await anonymous.GetAsync("/accounts/passkeys/"));
            await CheckAsync("PATCH", "/accounts/passkeys/{id}/", await client.SendJsonAsync(HttpMethod.Patch, $"/accounts/passkeys/{authenticator.Id}/", new { name = "Renamed" }));
            await CheckAsync("PATCH", "/accounts/passkeys/{id}/", await client.SendJsonAsync(HttpMethod.Patch, "/accounts/passkeys/AAAA/", new { name = "Renamed" }));

            var stranger = _app.CreateBrowser();
            var request = await stranger.PostAsync("/accounts/login/passkey/options/", null);
            await CheckAsync("POST", "/accounts/login/passkey/options/", request);
            var signIn = await stranger.PostJsonAsync("/accounts/login/passkey/", new { credential = authenticator.Get(await request.JsonAsync(HttpStatusCode.OK)) });
            await CheckAsync("POST", "/accounts/login/passkey/", signIn);
            await CheckAsync("POST", "/accounts/login/passkey/", await _app.CreateBrowser().PostJsonAsync("/accounts/login/passkey/", new { credential = new { } }));

            var reauthentication = await client.PostAsync("/accounts/reauthenticate/passkey/options/", null);
            await CheckAsync("POST", "/accounts/reauthenticate/passkey/options/", reauthentication);
            var reauthenticated = await client.PostJsonAsync("/accounts/reauthenticate/passkey/",
                new { credential = authenticator.Get(await reauthentication.JsonAsync(HttpStatusCode.OK)) });
            await CheckAsync("POST", "/accounts/reauthenticate/passkey/", reauthenticated);
            await CheckAsync("POST", "/accounts/reauthenticate/passkey/", await client.PostJsonAsync("/accounts/reauthenticate/passkey/", new { credential = new { } }));

            await CheckAsync("DELETE", "/accounts/passkeys/{id}/", await client.SendJsonAsync(HttpMethod.Delete, $"/accounts/passkeys/{authenticator.Id}/"));
            await CheckAsync("DELETE", "/accounts/passkeys/{id}/", await client.SendJsonAsync(HttpMethod.Delete, $"/accounts/passkeys/{authenticator.Id}/"));
        }

        // second factors (the password step's {"mfa_required": ...} answer is outside the document: one 200 schema a path)
        var mfaUser = await _app.SignInAsync();
        var mfa = mfaUser.Client;
        await CheckAsync("GET", "/accounts/mfa/", await mfa.GetAsync("/accounts/mfa/"));
        await CheckAsync("POST", "/accounts/mfa/recovery-codes/", await mfa.PostAsync("/accounts/mfa/recovery-codes/", null));
        var setup = await mfa.PostAsync("/accounts/mfa/totp/setup/", null);
        await CheckAsync("POST", "/accounts/mfa/totp/setup/", setup);
        var secret = (await setup.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!.GetValue<string>();
        await CheckAsync("POST", "/accounts/mfa/totp/activate/", await mfa.PostJsonAsync("/accounts/mfa/totp/activate/", new { code = "12" }));
        await CheckAsync("POST", "/accounts/mfa/totp/activate/",
            await mfa.PostJsonAsync("/accounts/mfa/totp/activate/", new { code = TotpCodes.At(secret, _app.Clock.GetUtcNow()) }));
        await CheckAsync("POST", "/accounts/mfa/totp/setup/", await mfa.PostAsync("/accounts/mfa/totp/setup/", null));
        var regenerated = await mfa.PostAsync("/accounts/mfa/recovery-codes/", null);
        await CheckAsync("POST", "/accounts/mfa/recovery-codes/", regenerated);
        var recoveryCode = (await regenerated.Content.ReadFromJsonAsync<JsonObject>())!["recovery_codes"]![0]!.GetValue<string>();
        var secondStep = _app.CreateBrowser();
        var challenge = await secondStep.PostJsonAsync("/accounts/login/", new { email = mfaUser.User.Email, password = JwtBlogApp.Password });
        var mfaToken = (await challenge.Content.ReadFromJsonAsync<JsonObject>())!["mfa_token"]!.GetValue<string>();
        await CheckAsync("POST", "/accounts/login/mfa/", await secondStep.PostJsonAsync("/accounts/login/mfa/", new { mfa_token = mfaToken, code = "000000" }));
        await CheckAsync("POST", "/accounts/login/mfa/", await secondStep.PostJsonAsync("/accounts/login/mfa/", new { mfa_token = mfaToken, code = recoveryCode }));
        await CheckAsync("POST", "/accounts/login/mfa/", await secondStep.PostJsonAsync("/accounts/login/mfa/", new { code = 5 }));
        await CheckAsync("POST", "/accounts/reauthenticate/", await mfa.PostJsonAsync("/accounts/reauthenticate/", new { password = "wrong" }));
        await CheckAsync("POST", "/accounts/reauthenticate/", await mfa.PostJsonAsync("/accounts/reauthenticate/", new { password = JwtBlogApp.Password }));
        await CheckAsync("DELETE", "/accounts/mfa/totp/", await mfa.SendJsonAsync(HttpMethod.Delete, "/accounts/mfa/totp/"));

        // blog
        var writer = await _app.SignInAsync();
        var first = await writer.Client.PostJsonAsync("/blog/", new { title = "Post", content = "Text" });
        await CheckAsync("POST", "/blog/", first);
        var id = (int)(await first.Content.ReadFromJsonAsync<JsonObject>())!["post"]!["id"]!;
        for (var i = 0; i < 3; i++)
        {
            // The third is over the limit of 3 a minute this app is configured with.
            await CheckAsync("POST", "/blog/", await writer.Client.PostJsonAsync("/blog/", new { title = $"Post {i}", content = "Text" }));
        }

        await CheckAsync("POST", "/blog/", await client.PostJsonAsync("/blog/", new { title = " ", content = 5 }));
        await CheckAsync("POST", "/blog/", await anonymous.PostJsonAsync("/blog/", new { title = "t", content = "c" }));
        await CheckAsync("POST", "/blog/", await client.PostRawAsync("/blog/", new string('[', 40) + new string(']', 40)));
        await CheckAsync("GET", "/blog/", await anonymous.GetAsync("/blog/?limit=1"));
        await CheckAsync("GET", "/blog/", await anonymous.GetAsync("/blog/?limit=x"));
        await CheckAsync("GET", "/blog/{id}/", await anonymous.GetAsync($"/blog/{id}/"));
        await CheckAsync("GET", "/blog/{id}/", await anonymous.GetAsync("/blog/999999/"));
        await CheckAsync("PUT", "/blog/{id}/", await writer.Client.SendJsonAsync(HttpMethod.Put, $"/blog/{id}/", new { title = "New", content = "New text" }));
        await CheckAsync("PUT", "/blog/{id}/", await writer.Client.SendJsonAsync(HttpMethod.Put, $"/blog/{id}/", new { title = "Only a title" }));
        await CheckAsync("PUT", "/blog/{id}/", await client.SendJsonAsync(HttpMethod.Put, $"/blog/{id}/", new { title = "Mine now", content = "x" }));
        await CheckAsync("PATCH", "/blog/{id}/", await writer.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { content = "Edited" }));
        await CheckAsync("PATCH", "/blog/{id}/", await writer.Client.SendJsonAsync(HttpMethod.Patch, "/blog/999999/", new { content = "Edited" }));
        await CheckAsync("POST", "/blog/preview/", await writer.Client.PostJsonAsync("/blog/preview/", new { content = "*Text*" }));
        await CheckAsync("POST", "/blog/preview/", await writer.Client.PostJsonAsync("/blog/preview/", new { content = " " }));
        await CheckAsync("POST", "/blog/preview/", await anonymous.PostJsonAsync("/blog/preview/", new { content = "x" }));
        await CheckAsync("DELETE", "/blog/{id}/", await client.SendJsonAsync(HttpMethod.Delete, $"/blog/{id}/"));
        await CheckAsync("DELETE", "/blog/{id}/", await writer.Client.SendJsonAsync(HttpMethod.Delete, $"/blog/{id}/"));
        await CheckAsync("DELETE", "/blog/{id}/", await writer.Client.SendJsonAsync(HttpMethod.Delete, $"/blog/{id}/"));

        // sessions: another sign-in of the same user, ended by id, then a third ended with the others
        await _app.SignInAsync(signedIn.User);
        var sessions = await client.GetAsync("/accounts/sessions/");
        var otherId = (string)(await sessions.Content.ReadFromJsonAsync<JsonArray>())!.First(s => !(bool)s!["current"]!)!["id"]!;
        await CheckAsync("GET", "/accounts/sessions/", sessions);
        await CheckAsync("DELETE", "/accounts/sessions/{id}/", await client.SendJsonAsync(HttpMethod.Delete, $"/accounts/sessions/{otherId}/"));
        await CheckAsync("DELETE", "/accounts/sessions/{id}/", await client.SendJsonAsync(HttpMethod.Delete, $"/accounts/sessions/{otherId}/"));
        await _app.SignInAsync(signedIn.User);
        await CheckAsync("POST", "/accounts/sessions/end-others/", await client.PostAsync("/accounts/sessions/end-others/", null));

        // last: these end sessions
        await CheckAsync("POST", "/accounts/password/change/", await client.PostJsonAsync("/accounts/password/change/",
            new { old_password = "wrong", new_password1 = "brand new secret 1", new_password2 = "brand new secret 1" }));
        await CheckAsync("POST", "/accounts/password/change/", await client.PostJsonAsync("/accounts/password/change/",
            new { old_password = JwtBlogApp.Password, new_password1 = "brand new secret 1", new_password2 = "brand new secret 1" }));
        await CheckAsync("POST", "/accounts/token/refresh/", await client.PostAsync("/accounts/token/refresh/", null));
        await CheckAsync("POST", "/accounts/token/refresh/", await anonymous.PostAsync("/accounts/token/refresh/", null));
        await CheckAsync("POST", "/accounts/logout/", await client.PostAsync("/accounts/logout/", null));

        var operations = _document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Key != "parameters").Select(o => $"{o.Key.ToUpperInvariant()} {path.Key}"));
        Assert.Equal(operations.Order(StringComparer.Ordinal), _covered.Order(StringComparer.Ordinal));
    }

    private async Task<JsonObject> ReadDocumentAsync()
    {
        var response = await _app.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task CheckAsync(string method, string path, HttpResponseMessage response)
    {
        var operation = _document["paths"]?[path]?[method.ToLowerInvariant()];
        Assert.True(operation is not null, $"{method} {path} is not in the document.");
        _covered.Add($"{method} {path}");
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = await response.Content.ReadAsStringAsync();
        var declared = operation["responses"]?[status];
        Assert.True(declared is not null, $"{method} {path} answered {status} ({text}), which the document does not declare.");
        if (text.Length == 0)
        {
            return;
        }

        var schema = declared["content"]?["application/json"]?["schema"];
        Assert.True(schema is not null, $"{method} {path} {status} has a JSON body but the document declares none.");
        CheckProperties(JsonNode.Parse(text), schema, $"{method} {path} {status}");
    }

    private void CheckProperties(JsonNode? value, JsonNode schema, string where)
    {
        var resolved = Resolve(_document, schema);
        // A schema with neither type nor properties is JSON Schema's "any value" (the WebAuthn options, passed through).
        if (resolved["type"] is null && resolved["properties"] is null)
        {
            return;
        }

        switch (value)
        {
            case JsonObject fields when resolved["additionalProperties"] is null or JsonValue:
                var properties = resolved["properties"]?.AsObject();
                foreach (var (name, field) in fields)
                {
                    Assert.True(properties?[name] is not null, $"{where}: property \"{name}\" is not in the declared schema.");
                    CheckProperties(field, properties![name]!, $"{where}.{name}");
                }

                break;
            case JsonArray items when resolved["items"] is { } itemSchema:
                foreach (var item in items)
                {
                    CheckProperties(item, itemSchema, where);
                }

                break;
        }
    }

    // Follows $ref and merges the object variants of oneOf/anyOf/allOf (nullable references are written that way).
    private static JsonObject Resolve(JsonObject document, JsonNode schema)
    {
        if (schema["$ref"] is { } reference)
        {
            var name = ((string)reference!)["#/components/schemas/".Length..];
            return Resolve(document, document["components"]!["schemas"]![name]!);
        }

        var variants = new[] { "oneOf", "anyOf", "allOf" }.SelectMany(k => schema[k]?.AsArray() ?? []).ToList();
        if (variants.Count == 0)
        {
            return schema.AsObject();
        }

        var merged = new JsonObject { ["properties"] = new JsonObject() };
        foreach (var variant in variants)
        {
            var part = Resolve(document, variant!);
            foreach (var (name, property) in part["properties"]?.AsObject() ?? [])
            {
                merged["properties"]![name] = property!.DeepClone();
            }

            if (part["items"] is { } items)
            {
                merged["items"] = items.DeepClone();
            }

            if (part["additionalProperties"] is JsonObject additional)
            {
                merged["additionalProperties"] = additional.DeepClone();
            }
        }

        return merged;
    }
}
