using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Accounts;

// The 72-byte bcrypt trap through the whole pipeline: register with one long password, log in with its near twin.
public sealed class LongPasswordTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaX", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaY")]
    [InlineData("봄날의햇살처럼따뜻한마음으로오늘도하루를시작합니다그리고내일도", "봄날의햇살처럼따뜻한마음으로오늘도하루를시작합니다그리고모레도")]
    public async Task TwinsBeyond72BytesDoNotUnlockEachOther(string password, string twin)
    {
        var email = app.NewEmail();
        var join = await app.CreateClient().Accounts().RegisterAsync(email, password);
        Assert.Equal(HttpStatusCode.Created, join.StatusCode);

        var wrong = await app.CreateClient().Accounts().LoginAsync(email, twin);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var right = await app.CreateClient().Accounts().LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task PasswordsOf128CharactersWorkAndOverlongOnesAreRefusedBeforeHashing()
    {
        var email = app.NewEmail();
        var password = string.Concat(Enumerable.Repeat("😀가a ", 32));
        var join = await app.CreateClient().Accounts().RegisterAsync(email, password);
        Assert.Equal(HttpStatusCode.Created, join.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().Accounts().LoginAsync(email, password)).StatusCode);

        var huge = new string('x', 100_000);
        var refused = await app.CreateClient().Accounts().RegisterAsync(app.NewEmail(), huge);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var hugeLogin = await app.CreateClient().Accounts().LoginAsync(email, huge);
        Assert.Equal(HttpStatusCode.BadRequest, hugeLogin.StatusCode);
    }
}
