using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Accounts;

// Security finding 1: five wrong passwords from anywhere locked an account, its owner included. A client that has
// signed in to the account carries a device cookie and is judged by its own failure budget instead.
public sealed class DeviceCookieTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string WrongPassword = "not the password!";

    [Fact]
    public async Task AnAttackerWhoLocksTheAccountCannotLockOutTheOwnersOwnBrowser()
    {
        var alice = await app.CreateUserAsync();
        var ownBrowser = app.CreateBrowser().Accounts();
        Assert.Equal(HttpStatusCode.OK, (await ownBrowser.LoginAsync(alice.Email)).StatusCode);

        var attacker = app.CreateBrowser().Accounts();
        await LockAsync(attacker, alice.Email!);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.LoginAsync(alice.Email)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await ownBrowser.LoginAsync(alice.Email)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.LoginAsync(alice.Email)).StatusCode);
    }

    [Fact]
    public async Task TheDeviceCookieIsHttpOnlyScopedToTheAccountsApiAndUnreadable()
    {
        var alice = await app.CreateUserAsync();
        var response = await app.CreateBrowser().Accounts().LoginAsync(alice.Email);

        var cookie = response.SetCookie("jwtblog-device")!;
        Assert.Contains("httponly", cookie);
        Assert.Contains("path=/accounts", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.DoesNotContain(alice.Email!, Uri.UnescapeDataString(Api.CookieValue(cookie)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ADeviceCookieOfAnotherAccountGivesNothing()
    {
        var alice = await app.CreateUserAsync();
        var bob = await app.CreateUserAsync();
        var bobsBrowser = app.CreateBrowser().Accounts();
        Assert.Equal(HttpStatusCode.OK, (await bobsBrowser.LoginAsync(bob.Email)).StatusCode);

        await LockAsync(app.CreateBrowser().Accounts(), alice.Email!);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await bobsBrowser.LoginAsync(alice.Email)).StatusCode);
    }

    [Fact]
    public async Task AForgedDeviceCookieGivesNothing()
    {
        var alice = await app.CreateUserAsync();
        await LockAsync(app.CreateBrowser().Accounts(), alice.Email!);

        var forger = app.CreateBrowser();
        forger.DefaultRequestHeaders.Add("Cookie", "jwtblog-device=CfDJ8forged-value");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await forger.Accounts().LoginAsync(alice.Email)).StatusCode);
    }

    [Fact]
    public async Task ATrustedDeviceThatSpendsItsOwnBudgetLosesItsTrustUntilItSignsInAgain()
    {
        var alice = await app.CreateUserAsync();
        var device = app.CreateBrowser().Accounts();
        Assert.Equal(HttpStatusCode.OK, (await device.LoginAsync(alice.Email)).StatusCode);

        // Guesses from a stolen device cookie spend the device's budget, then count against the account like anyone's.
        await LockAsync(device, alice.Email!);
        await LockAsync(device, alice.Email!);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await device.LoginAsync(alice.Email)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await device.LoginAsync(alice.Email)).StatusCode);

        await LockAsync(app.CreateBrowser().Accounts(), alice.Email!);
        Assert.Equal(HttpStatusCode.OK, (await device.LoginAsync(alice.Email)).StatusCode);
    }

    [Fact]
    public async Task TheOwnersDeviceCanStillChangeThePasswordWhileStrangersHoldTheAccountLocked()
    {
        var signedIn = await app.SignInAsync();
        await LockAsync(app.CreateBrowser().Accounts(), signedIn.User.Email!);

        var response = await signedIn.Client.PostJsonAsync("/accounts/password/change/", new
        {
            old_password = JwtBlogApp.Password,
            new_password1 = "Quiet-Harbor-Lantern-77",
            new_password2 = "Quiet-Harbor-Lantern-77",
        });
        await response.JsonAsync(HttpStatusCode.OK);
    }

    // Five wrong passwords: the fifth locks whatever the client is judged by.
    private static async Task LockAsync(AccountsApi client, string email)
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.LoginAsync(email, WrongPassword)).StatusCode);
        }
    }
}
