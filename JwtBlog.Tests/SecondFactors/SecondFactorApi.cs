using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JwtBlog.Tests.SecondFactors;

// The /accounts/mfa/ and two-step login API as a client calls it, with the answers read where tests need them.
public static class SecondFactorApi
{
    public const string Status = "/accounts/mfa/";
    public const string Setup = "/accounts/mfa/totp/setup/";
    public const string Activate = "/accounts/mfa/totp/activate/";
    public const string Totp = "/accounts/mfa/totp/";
    public const string RecoveryCodes = "/accounts/mfa/recovery-codes/";

    // Sets up and activates an authenticator app for the signed-in client: the secret and the recovery codes. The
    // clock then moves on one step, so the next code is not a replay of the activation's.
    public static async Task<(string Secret, List<string> RecoveryCodes)> EnrolTotpAsync(this JwtBlogApp app, SignedInClient signedIn)
    {
        var setup = await (await signedIn.Client.PostAsync(Setup, null)).JsonAsync(HttpStatusCode.OK);
        var secret = setup.GetProperty("secret").GetString()!;
        var activated = await (await signedIn.Client.PostAsJsonAsync(Activate, new { code = TotpCodes.At(secret, app.Clock.GetUtcNow()) }))
            .JsonAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        return (secret, [.. activated.GetProperty("recovery_codes").EnumerateArray().Select(code => code.GetString()!)]);
    }

    // The password step of a two-step login: the mfa_token.
    public static async Task<string> PasswordStepAsync(this HttpClient client, string? email, string password = JwtBlogApp.Password)
    {
        var answer = await (await client.Accounts().LoginAsync(email, password)).JsonAsync(HttpStatusCode.OK);
        Assert.True(answer.GetProperty("mfa_required").GetBoolean());
        return answer.GetProperty("mfa_token").GetString()!;
    }

    public static Task<HttpResponseMessage> CodeStepAsync(this HttpClient client, string mfaToken, string code) =>
        client.PostAsJsonAsync(AccountsApi.LoginMfa, new { mfa_token = mfaToken, code });

    public static IReadOnlyList<string> AuthMethods(string accessToken) =>
        [.. new JsonWebToken(accessToken).Claims.Where(c => c.Type == "amr").Select(c => c.Value)];
}
