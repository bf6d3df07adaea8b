using System.Net;
using JwtBlog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Accounts;

// CONTRACT.md §4, with the deliberate changes: cookies on 201, profile fields, stored email domain lower-cased.
public sealed class RegistrationTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private readonly HttpClient _client = app.CreateBrowser();

    private static object Join(string email, string password1, string? password2 = null) =>
        new { email, password1, password2 = password2 ?? password1 };

    [Fact]
    public async Task GoodRegistrationAnswers201WithTokensUserAndSignsTheUserIn()
    {
        var email = app.NewEmail("alice");
        var response = await _client.Accounts().RegisterAsync(Join(email, "correct horse battery"));

        var body = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(email, body.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal("", body.GetProperty("user").GetProperty("first_name").GetString());
        Assert.True(body.GetProperty("user").GetProperty("pk").GetInt32() > 0);
        Assert.Equal("", body.GetProperty("refresh_token").GetString());
        var access = body.GetProperty("access_token").GetString()!;

        var accessCookie = response.SetCookie("my-app-auth");
        Assert.NotNull(accessCookie);
        Assert.Equal(access, Api.CookieValue(accessCookie));
        Assert.NotNull(response.SetCookie("my-refresh-token"));

        var test = await _client.GetWithBearerAsync("/accounts/test/", access);
        Assert.Equal(email, (await test.JsonAsync(HttpStatusCode.OK)).GetProperty("user").GetString());
    }

    [Fact]
    public async Task RegistrationStoresTheOptionalProfileFields()
    {
        var response = await _client.PostJsonAsync("/accounts/join/", new
        {
            email = app.NewEmail(),
            password1 = "correct horse battery",
            password2 = "correct horse battery",
            first_name = "지민",
            last_name = "Kim",
            gender = "female",
            date_of_birth = "1990-05-17",
        });

        var user = (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("user");
        Assert.Equal("지민", user.GetProperty("first_name").GetString());
        Assert.Equal("female", user.GetProperty("gender").GetString());
        Assert.Equal("1990-05-17", user.GetProperty("date_of_birth").GetString());
        Assert.Contains("\"first_name\":\"지민\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("password", "{\"password1\":[\"This password is too common.\"]}")]
    [InlineData("83729461528", "{\"password1\":[\"This password is entirely numeric.\"]}")]
    [InlineData("Ab1!x", "{\"password1\":[\"This password is too short. It must contain at least 8 characters.\"]}")]
    [InlineData("1234", "{\"password1\":[\"This password is too short. It must contain at least 8 characters.\",\"This password is too common.\",\"This password is entirely numeric.\"]}")]
    public async Task WeakPasswordsAreRefusedWithEveryReason(string password, string expected)
    {
        var response = await _client.Accounts().RegisterAsync(Join(app.NewEmail(), password));
        Assert.Equal(expected, await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task MismatchedPasswordsAreANonFieldError()
    {
        var response = await _client.Accounts().RegisterAsync(Join(app.NewEmail(), "correct horse battery", "correct horse battery!"));
        Assert.Equal("{\"non_field_errors\":[\"The two password fields didn't match.\"]}", await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task WeakAndMismatchedPasswordsReportOnlyThePasswordErrors()
    {
        var response = await _client.Accounts().RegisterAsync(Join(app.NewEmail(), "1234", "5678"));
        var body = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(3, body.GetProperty("password1").GetArrayLength());
        Assert.False(body.TryGetProperty("non_field_errors", out _));
    }

    [Fact]
    public async Task PasswordTooSimilarToTheEmailIsRefused()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var response = await _client.Accounts().RegisterAsync(Join($"erin.smith{suffix}@example.com", $"erin.smith{suffix}@example"));
        Assert.Equal("{\"non_field_errors\":[\"The password is too similar to the email address.\"]}", await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task PasswordBelowTheSimilarityThresholdIsAccepted()
    {
        var response = await _client.Accounts().RegisterAsync(Join("carol.jones@example.com", "carol.jones"));
        await response.JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task DuplicateEmailIsRefusedInAnyLetterCase()
    {
        var email = app.NewEmail("dup");
        (await _client.Accounts().RegisterAsync(Join(email, "correct horse battery"))).EnsureSuccessStatusCode();

        foreach (var variant in new[] { email, email.ToUpperInvariant() })
        {
            var response = await _client.Accounts().RegisterAsync(Join(variant, "correct horse battery"));
            Assert.Equal("{\"email\":[\"A user is already registered with this e-mail address.\"]}", await response.RawJsonAsync(HttpStatusCode.BadRequest));
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant())));
    }

    [Fact]
    public async Task AQuotedLocalPartCannotRegisterASecondAccountForOneMailbox()
    {
        var local = "kate.sims" + Guid.NewGuid().ToString("N")[..6];
        (await _client.PostJsonAsync("/accounts/join/", Join($"{local}@example.com", "correct horse battery"))).EnsureSuccessStatusCode();

        foreach (var quoted in new[] { $"\"{local}\"@example.com", "\"a b\"@example.com" })
        {
            var join = await _client.PostJsonAsync("/accounts/join/", Join(quoted, "correct horse battery"));
            Assert.Equal("{\"email\":[\"Enter a valid email address.\"]}", await join.RawJsonAsync(HttpStatusCode.BadRequest));
            var login = await app.CreateClient().PostJsonAsync("/accounts/login/", new { email = quoted, password = "correct horse battery" });
            Assert.Equal("{\"email\":[\"Enter a valid email address.\"]}", await login.RawJsonAsync(HttpStatusCode.BadRequest));
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => EF.Functions.Like(u.Email!, "\"%"))));
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfOneEmailCreateOneUser()
    {
        var email = app.NewEmail("race");
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            app.CreateClient().Accounts().RegisterAsync(Join(email, "correct horse battery"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.BadRequest }));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant())));
    }

    [Fact]
    public async Task TheEmailDomainIsStoredLowerCased()
    {
        var local = "Dave.Mixed" + Guid.NewGuid().ToString("N")[..6];
        var response = await _client.Accounts().RegisterAsync(Join($"{local}@Example.COM", "correct horse battery"));
        var body = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"{local}@example.com", body.GetProperty("user").GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("{\"email\":\"not-an-email\",\"password1\":\"correct horse battery\",\"password2\":\"correct horse battery\"}", "{\"email\":[\"Enter a valid email address.\"]}")]
    [InlineData("{}", "{\"email\":[\"This field is required.\"],\"password1\":[\"This field is required.\"],\"password2\":[\"This field is required.\"]}")]
    [InlineData("{\"password1\":\"correct horse battery\",\"password2\":\"correct horse battery\"}", "{\"email\":[\"This field is required.\"]}")]
    [InlineData("{\"email\":\"x@example.com\",\"password1\":\"correct horse battery\"}", "{\"password2\":[\"This field is required.\"]}")]
    [InlineData("{\"email\":\"\",\"password1\":\"\",\"password2\":\"\"}", "{\"email\":[\"This field may not be blank.\"],\"password1\":[\"This field may not be blank.\"],\"password2\":[\"This field may not be blank.\"]}")]
    [InlineData("{\"email\":\"y@example.com\",\"password1\":\"correct horse battery\",\"password2\":\"correct horse battery\",\"gender\":\"other\"}", "{\"gender\":[\"\\\"other\\\" is not a valid choice.\"]}")]
    [InlineData("{\"email\":\"y@example.com\",\"password1\":\"correct horse battery\",\"password2\":\"correct horse battery\",\"date_of_birth\":\"17/05/1990\"}", "{\"date_of_birth\":[\"Date has wrong format. Use one of these formats instead: YYYY-MM-DD.\"]}")]
    [InlineData("{\"email\":[\"a\"],\"password1\":5,\"password2\":null}", "{\"email\":[\"Not a valid string.\"],\"password1\":[\"This password is too short. It must contain at least 8 characters.\",\"This password is too common.\",\"This password is entirely numeric.\"],\"password2\":[\"This field may not be null.\"]}")]
    public async Task InvalidFieldsAreReportedPerField(string json, string expected)
    {
        var response = await _client.PostRawAsync("/accounts/join/", json);
        Assert.Equal(expected, await response.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Null(response.SetCookie("my-app-auth"));
    }

    [Fact]
    public async Task DateOfBirthInTheFutureIsRefused()
    {
        var tomorrow = app.Clock.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd");
        var response = await _client.PostJsonAsync("/accounts/join/", new
        {
            email = app.NewEmail(),
            password1 = "correct horse battery",
            password2 = "correct horse battery",
            date_of_birth = tomorrow,
        });
        Assert.Equal("{\"date_of_birth\":[\"Date of birth cannot be in the future.\"]}", await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task MalformedJsonAndOtherContentTypesAreRefusedWithJson()
    {
        var malformed = await _client.PostRawAsync("/accounts/join/", "{\"email\": ");
        Assert.StartsWith("JSON parse error", (await malformed.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());

        var form = await _client.PostRawAsync("/accounts/join/", "email=a%40b.c", "application/x-www-form-urlencoded");
        await form.JsonAsync(HttpStatusCode.UnsupportedMediaType);

        var text = await _client.PostRawAsync("/accounts/join/", "{}", "text/plain");
        await text.JsonAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task JoinAnswersOnlyPostAndWorksWithoutTheTrailingSlash()
    {
        var get = await _client.GetAsync("/accounts/join/");
        Assert.Equal("{\"detail\":\"Method \\\"GET\\\" not allowed.\"}", await get.RawJsonAsync(HttpStatusCode.MethodNotAllowed));

        var response = await _client.PostJsonAsync("/accounts/join", Join(app.NewEmail(), "correct horse battery"));
        await response.JsonAsync(HttpStatusCode.Created);
    }
}
