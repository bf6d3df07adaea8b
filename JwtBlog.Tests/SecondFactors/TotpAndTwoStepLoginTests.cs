using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.SecondFactors;

public sealed class TotpAndTwoStepLoginTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task SetupGivesAPendingKeyThatOnlyAValidCodeActivates()
    {
        var signedIn = await app.SignInAsync();
        var setup = await (await signedIn.Client.PostAsync(SecondFactorApi.Setup, null)).JsonAsync(HttpStatusCode.OK);
        var secret = setup.GetProperty("secret").GetString()!;
        Assert.StartsWith("otpauth://totp/", setup.GetProperty("otpauth_uri").GetString(), StringComparison.Ordinal);
        Assert.Contains("secret=" + secret, setup.GetProperty("otpauth_uri").GetString(), StringComparison.Ordinal);

        // Pending: not a factor yet, and the login stays one step.
        var status = await (await signedIn.Client.GetAsync(SecondFactorApi.Status)).JsonAsync(HttpStatusCode.OK);
        Assert.False(status.GetProperty("totp").GetBoolean());
        var wrong = await signedIn.Client.PostAsJsonAsync(SecondFactorApi.Activate, new { code = TotpCodes.At(secret, app.Clock.GetUtcNow(), stepOffset: 5) });
        Assert.Equal("Invalid code.", (await wrong.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("code")[0].GetString());

        var activated = await (await signedIn.Client.PostAsJsonAsync(SecondFactorApi.Activate, new { code = TotpCodes.At(secret, app.Clock.GetUtcNow()) }))
            .JsonAsync(HttpStatusCode.OK);
        var codes = activated.GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        status = await (await signedIn.Client.GetAsync(SecondFactorApi.Status)).JsonAsync(HttpStatusCode.OK);
        Assert.True(status.GetProperty("totp").GetBoolean());
        Assert.Equal(10, status.GetProperty("recovery_codes_left").GetInt32());

        // Recovery codes are kept hashed only.
        var stored = await app.WithDbAsync(db => Task.FromResult(db.RecoveryCodes.Where(c => c.UserId == signedIn.User.Id).Select(c => c.CodeHash).ToList()));
        Assert.Empty(stored.Intersect(codes));

        var again = await signedIn.Client.PostAsync(SecondFactorApi.Setup, null);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task TheRightPasswordOfAUserWithTotpAsksForACodeAndSetsNoCookie()
    {
        var signedIn = await app.SignInAsync();
        var (secret, _) = await app.EnrolTotpAsync(signedIn);

        var browser = app.CreateBrowser();
        var password = await browser.Accounts().LoginAsync(signedIn.User.Email);
        var answer = await password.JsonAsync(HttpStatusCode.OK);
        Assert.True(answer.GetProperty("mfa_required").GetBoolean());
        Assert.Equal(["totp", "recovery_code"], answer.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.False(answer.TryGetProperty("access_token", out _));
        Assert.Null(password.SetCookie(AuthCookieNames.Access));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Accounts().GetUserAsync()).StatusCode);

        var completed = await browser.CodeStepAsync(answer.GetProperty("mfa_token").GetString()!, TotpCodes.At(secret, app.Clock.GetUtcNow()));
        var body = await completed.JsonAsync(HttpStatusCode.OK);
        Assert.NotNull(completed.SetCookie(AuthCookieNames.Access));
        Assert.Equal(signedIn.User.Email, body.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(["pwd", "otp"], SecondFactorApi.AuthMethods(body.GetProperty("access_token").GetString()!));
        Assert.Equal(HttpStatusCode.OK, (await browser.Accounts().GetUserAsync()).StatusCode);
    }

    [Fact]
    public async Task ATotpCodeIsAcceptedOnce()
    {
        var signedIn = await app.SignInAsync();
        var (secret, _) = await app.EnrolTotpAsync(signedIn);
        var code = TotpCodes.At(secret, app.Clock.GetUtcNow());

        var first = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await first.CodeStepAsync(await first.PasswordStepAsync(signedIn.User.Email), code)).StatusCode);

        var second = app.CreateBrowser();
        var replay = await second.CodeStepAsync(await second.PasswordStepAsync(signedIn.User.Email), code);
        Assert.Equal("Invalid code.", (await replay.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("code")[0].GetString());

        // An earlier step's code is no good either once a later one was accepted; the next step's code is.
        var previous = await second.CodeStepAsync(await second.PasswordStepAsync(signedIn.User.Email), TotpCodes.At(secret, app.Clock.GetUtcNow(), stepOffset: -1));
        Assert.Equal(HttpStatusCode.BadRequest, previous.StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var next = await second.CodeStepAsync(await second.PasswordStepAsync(signedIn.User.Email), TotpCodes.At(secret, app.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task ARecoveryCodeSignsInOnceAndIsCountedAsUsed()
    {
        var signedIn = await app.SignInAsync();
        var (_, codes) = await app.EnrolTotpAsync(signedIn);

        var browser = app.CreateBrowser();
        var completed = await browser.CodeStepAsync(await browser.PasswordStepAsync(signedIn.User.Email), codes[3].ToUpperInvariant());
        var body = await completed.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["pwd", "rc"], SecondFactorApi.AuthMethods(body.GetProperty("access_token").GetString()!));

        var again = app.CreateBrowser();
        var reused = await again.CodeStepAsync(await again.PasswordStepAsync(signedIn.User.Email), codes[3]);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        var status = await (await signedIn.Client.GetAsync(SecondFactorApi.Status)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(9, status.GetProperty("recovery_codes_left").GetInt32());
    }

    [Fact]
    public async Task RegeneratedRecoveryCodesVoidTheOldSet()
    {
        var signedIn = await app.SignInAsync();
        var (_, oldCodes) = await app.EnrolTotpAsync(signedIn);
        var regenerated = await (await signedIn.Client.PostAsync(SecondFactorApi.RecoveryCodes, null)).JsonAsync(HttpStatusCode.OK);
        var newCodes = regenerated.GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, newCodes.Count);

        var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.CodeStepAsync(await browser.PasswordStepAsync(signedIn.User.Email), oldCodes[0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.CodeStepAsync(await browser.PasswordStepAsync(signedIn.User.Email), newCodes[0])).StatusCode);
    }

    [Fact]
    public async Task TheMfaTokenExpiresAfterFiveMinutesAndIsSingleUse()
    {
        var signedIn = await app.SignInAsync();
        var (_, codes) = await app.EnrolTotpAsync(signedIn);
        var browser = app.CreateBrowser();

        var expiring = await browser.PasswordStepAsync(signedIn.User.Email);
        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var expired = await browser.CodeStepAsync(expiring, codes[0]);
        Assert.True((await expired.JsonAsync(HttpStatusCode.BadRequest)).TryGetProperty("mfa_token", out _));

        var token = await browser.PasswordStepAsync(signedIn.User.Email);
        Assert.Equal(HttpStatusCode.OK, (await browser.CodeStepAsync(token, codes[1])).StatusCode);
        var used = await app.CreateBrowser().CodeStepAsync(token, codes[2]);
        Assert.True((await used.JsonAsync(HttpStatusCode.BadRequest)).TryGetProperty("mfa_token", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateBrowser().CodeStepAsync("not-a-token", codes[2])).StatusCode);
    }

    [Fact]
    public async Task WrongCodesCountTowardsTheLoginLockout()
    {
        var signedIn = await app.SignInAsync();
        var (secret, _) = await app.EnrolTotpAsync(signedIn);
        var browser = app.CreateBrowser();
        var token = await browser.PasswordStepAsync(signedIn.User.Email);

        // The right password gives its own attempt back but clears nothing: five wrong codes lock the account.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.CodeStepAsync(token, "000000")).StatusCode);
        }

        var locked = await app.CreateBrowser().Accounts().LoginAsync(signedIn.User.Email);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
        Assert.NotEqual("", secret);
    }

    [Fact]
    public async Task AMfaTokenIsVoidAfterFiveWrongCodes()
    {
        var signedIn = await app.SignInAsync();
        var (secret, _) = await app.EnrolTotpAsync(signedIn);
        var browser = app.CreateBrowser();
        var token = await browser.PasswordStepAsync(signedIn.User.Email);
        await app.WithDbAsync(db => db.LoginThrottles.ExecuteDeleteAsync());
        for (var i = 0; i < 5; i++)
        {
            await browser.CodeStepAsync(token, "000000");
            await app.WithDbAsync(db => db.LoginThrottles.ExecuteDeleteAsync());
        }

        var spent = await browser.CodeStepAsync(token, TotpCodes.At(secret, app.Clock.GetUtcNow()));
        Assert.True((await spent.JsonAsync(HttpStatusCode.BadRequest)).TryGetProperty("mfa_token", out _));
    }

    [Fact]
    public async Task RemovingTheAuthenticatorMakesTheLoginOneStepAgain()
    {
        var signedIn = await app.SignInAsync();
        var (secret, _) = await app.EnrolTotpAsync(signedIn);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.DeleteAsync(SecondFactorApi.Totp)).StatusCode);

        var status = await (await signedIn.Client.GetAsync(SecondFactorApi.Status)).JsonAsync(HttpStatusCode.OK);
        Assert.False(status.GetProperty("totp").GetBoolean());
        Assert.Equal(0, status.GetProperty("recovery_codes_left").GetInt32());
        var login = await (await app.CreateBrowser().Accounts().LoginAsync(signedIn.User.Email)).JsonAsync(HttpStatusCode.OK);
        Assert.True(login.TryGetProperty("access_token", out _));
        Assert.NotEqual("", secret);
    }
}
