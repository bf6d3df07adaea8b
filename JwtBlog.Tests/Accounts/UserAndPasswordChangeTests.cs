using System.Net;
using JwtBlog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Accounts;

// CONTRACT.md §7–§9: user details (now with gender and date_of_birth), password change (now asking for the old one).
public sealed class UserAndPasswordChangeTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task GetAnswersTheUsersDetails()
    {
        var signedIn = await app.SignInAsync();
        var response = await signedIn.Client.Accounts().GetUserAsync();
        Assert.Equal(
            $"{{\"pk\":{signedIn.User.Id},\"email\":\"{signedIn.User.Email}\",\"first_name\":\"\",\"last_name\":\"\",\"display_name\":\"{signedIn.User.DisplayName}\",\"gender\":\"\",\"date_of_birth\":null,\"email_verified\":false}}",
            await response.RawJsonAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task PutChangesNamesAndProfileButNeverEmailPkOrFlags()
    {
        var signedIn = await app.SignInAsync();
        var response = await signedIn.Client.SendJsonAsync(HttpMethod.Put, "/accounts/user/", new
        {
            first_name = "Alice",
            last_name = "Kim",
            email = "changed@example.com",
            pk = 77,
            gender = "female",
            date_of_birth = "1991-02-03",
            is_staff = true,
            is_superuser = true,
            is_active = false,
        });

        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(signedIn.User.Id, body.GetProperty("pk").GetInt32());
        Assert.Equal(signedIn.User.Email, body.GetProperty("email").GetString());
        Assert.Equal("Kim", body.GetProperty("last_name").GetString());
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == signedIn.User.Id));
        Assert.Equal(("Alice", "female", new DateOnly(1991, 2, 3)), (stored.FirstName, stored.Gender, stored.DateOfBirth!.Value));
        Assert.False(stored.IsStaff || stored.IsSuperuser);
        Assert.True(stored.IsActive);
    }

    [Fact]
    public async Task EmptyPutChangesNothingAndPatchChangesOneField()
    {
        var signedIn = await app.SignInAsync();
        await signedIn.Client.Accounts().UpdateUserAsync(new { first_name = "Alice" });
        await (await signedIn.Client.SendJsonAsync(HttpMethod.Put, "/accounts/user/", new { })).JsonAsync(HttpStatusCode.OK);
        var patched = await signedIn.Client.SendJsonAsync(HttpMethod.Patch, "/accounts/user", new { last_name = "Lee" });
        var body = await patched.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Alice", "Lee"), (body.GetProperty("first_name").GetString(), body.GetProperty("last_name").GetString()));
    }

    [Theory]
    [InlineData("{\"first_name\":\"%151%\"}", "first_name", "Ensure this field has no more than 150 characters.")]
    [InlineData("{\"gender\":\"robot\"}", "gender", "\"robot\" is not a valid choice.")]
    [InlineData("{\"date_of_birth\":\"2999-01-01\"}", "date_of_birth", "Date of birth cannot be in the future.")]
    [InlineData("{\"date_of_birth\":\"yesterday\"}", "date_of_birth", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.")]
    public async Task InvalidProfileFieldsAre400PerFieldAndChangeNothing(string json, string field, string message)
    {
        var signedIn = await app.SignInAsync();
        var response = await signedIn.Client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/accounts/user/")
        {
            Content = new StringContent(json.Replace("%151%", new string('a', 151)), System.Text.Encoding.UTF8, "application/json"),
        });
        var body = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(message, body.GetProperty(field)[0].GetString());
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == signedIn.User.Id));
        Assert.Equal(("", "", null), (stored.FirstName, stored.Gender, stored.DateOfBirth));
    }

    [Fact]
    public async Task DeleteOnUserIs405AndAnonymousIs401()
    {
        var signedIn = await app.SignInAsync();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await signedIn.Client.DeleteAsync("/accounts/user/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().Accounts().GetUserAsync()).StatusCode);
    }

    [Fact]
    public async Task PasswordChangeNeedsTheOldPassword()
    {
        var signedIn = await app.SignInAsync();
        var missing = await signedIn.Client.PostJsonAsync("/accounts/password/change/", new { new_password1 = "brand new secret 1", new_password2 = "brand new secret 1" });
        Assert.Equal("{\"old_password\":[\"This field is required.\"]}", await missing.RawJsonAsync(HttpStatusCode.BadRequest));

        var wrong = await signedIn.Client.PostJsonAsync("/accounts/password/change/", new { old_password = "not it at all", new_password1 = "brand new secret 1", new_password2 = "brand new secret 1" });
        Assert.Equal("{\"old_password\":[\"Your old password was entered incorrectly. Please enter it again.\"]}", await wrong.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task GuessingTheOldPasswordIsLockedOutLikeLogins()
    {
        // A stolen access token, without the owner's device cookie: its guesses count against the account's lockout.
        var signedIn = await app.SignInAsync();
        var thief = app.CreateBearerClient(signedIn);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await thief.PostJsonAsync("/accounts/password/change/",
                new { old_password = $"guess number {i}", new_password1 = "brand new secret 1", new_password2 = "brand new secret 1" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var locked = await thief.PostJsonAsync("/accounts/password/change/",
            new { old_password = JwtBlogApp.Password, new_password1 = "brand new secret 1", new_password2 = "brand new secret 1" });
        await locked.JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.True(locked.Headers.Contains("Retry-After"));
        var login = await app.CreateClient().Accounts().LoginAsync(signedIn.User.Email);
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
    }

    [Theory]
    [InlineData("brand new secret 1", "brand new secret 2", "{\"new_password2\":[\"The two password fields didn\u2019t match.\"]}")]
    [InlineData("1234", "1234", "{\"new_password2\":[\"This password is too short. It must contain at least 8 characters.\",\"This password is too common.\",\"This password is entirely numeric.\"]}")]
    public async Task BadNewPasswordsAreRefusedUnderNewPassword2(string password1, string password2, string expected)
    {
        var signedIn = await app.SignInAsync();
        var response = await signedIn.Client.PostJsonAsync("/accounts/password/change/",
            new { old_password = JwtBlogApp.Password, new_password1 = password1, new_password2 = password2 });
        Assert.Equal(expected, await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task EmptyPasswordChangeListsEveryRequiredField()
    {
        var signedIn = await app.SignInAsync();
        var response = await signedIn.Client.PostJsonAsync("/accounts/password/change/", new { });
        Assert.Equal(
            "{\"old_password\":[\"This field is required.\"],\"new_password1\":[\"This field is required.\"],\"new_password2\":[\"This field is required.\"]}",
            await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task PasswordChangeEndsEveryOtherSessionAndRenewsThisOne()
    {
        var user = await app.CreateUserAsync();
        var current = await app.SignInAsync(user);
        var other = await app.SignInAsync(user);
        var otherRefresh = await other.Client.Accounts().RefreshAsync();
        Assert.Equal(HttpStatusCode.OK, otherRefresh.StatusCode);

        var response = await current.Client.PostJsonAsync("/accounts/password/change/",
            new { old_password = JwtBlogApp.Password, new_password1 = "brand new secret 1", new_password2 = "brand new secret 1" });
        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("New password has been saved.", body.GetProperty("detail").GetString());
        Assert.NotNull(response.SetCookie("my-app-auth"));

        Assert.Equal(HttpStatusCode.OK, (await current.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await current.Client.Accounts().RefreshAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.Client.Accounts().RefreshAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", current.AccessToken)).StatusCode);

        var oldLogin = await app.CreateClient().Accounts().LoginAsync(user.Email);
        Assert.Equal(HttpStatusCode.BadRequest, oldLogin.StatusCode);
        var newLogin = await app.CreateClient().Accounts().LoginAsync(user.Email, "brand new secret 1");
        Assert.Equal(HttpStatusCode.OK, newLogin.StatusCode);
    }

    [Fact]
    public async Task VerifyAcceptsLiveAccessTokensOnly()
    {
        var signedIn = await app.SignInAsync();
        var client = app.CreateClient();
        Assert.Equal("{}", await (await client.PostJsonAsync("/accounts/token/verify/", new { token = signedIn.AccessToken })).RawJsonAsync(HttpStatusCode.OK));
        Assert.Equal("{\"token\":[\"This field is required.\"]}", await (await client.PostJsonAsync("/accounts/token/verify/", new { })).RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/accounts/token/verify/", new { token = "garbage" })).StatusCode);

        await signedIn.Client.Accounts().LogoutAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/accounts/token/verify/", new { token = signedIn.AccessToken })).StatusCode);
    }
}
