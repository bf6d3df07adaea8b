using System.Net.Http.Json;

namespace JwtBlog.Tests.Infrastructure;

// The /accounts JSON API as a client calls it, one method per endpoint; answers are returned unread for the test to check.
public sealed class AccountsApi(HttpClient client)
{
    public const string Login = "/accounts/login/";
    public const string Register = "/accounts/join/";
    public const string Logout = "/accounts/logout/";
    public const string Refresh = "/accounts/token/refresh/";
    public const string User = "/accounts/user/";
    public const string LoginMfa = "/accounts/login/mfa/";
    public const string Reauthenticate = "/accounts/reauthenticate/";

    public HttpClient Client => client;

    public Task<HttpResponseMessage> LoginAsync(string? email, string? password = JwtBlogApp.Password) =>
        client.PostAsJsonAsync(Login, new { email, password });

    public Task<HttpResponseMessage> RegisterAsync(string email, string password = JwtBlogApp.Password) =>
        client.PostAsJsonAsync(Register, new { email, password1 = password, password2 = password });

    // Any body, for the tests of field rules and odd shapes.
    public Task<HttpResponseMessage> RegisterAsync(object body) => client.PostAsJsonAsync(Register, body);

    public Task<HttpResponseMessage> RefreshAsync() => client.PostAsync(Refresh, null);

    public Task<HttpResponseMessage> LogoutAsync() => client.PostAsync(Logout, null);

    public Task<HttpResponseMessage> GetUserAsync() => client.GetAsync(User);

    public Task<HttpResponseMessage> UpdateUserAsync(object changes) => client.SendJsonAsync(HttpMethod.Patch, User, changes);
}
