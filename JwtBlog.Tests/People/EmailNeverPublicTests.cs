using System.Net;
using JwtBlog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.People;

// An email address is shown or returned only to its owner and to staff: every public page and answer is swept for a
// distinctive address (and its local part, when that differs from the display name), anonymous and as someone else.
public sealed class EmailNeverPublicTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    public static TheoryData<bool> Readers => new() { false, true };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task NoPublicPageOrAnswerShowsAnAuthorsEmail(bool signedInAsSomeoneElse)
    {
        var email = app.NewEmail("zq-secret-local-part-");
        var localPart = email[..email.IndexOf('@', StringComparison.Ordinal)];
        var author = await app.CreateUserAsync(email);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == author.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Moonlight Writer")));
        var post = await app.CreatePostAsync(author, "A post by the secret author", "Its content.");
        var client = signedInAsSomeoneElse ? (await app.SignInAsync()).Client : app.CreateBrowser();

        string[] paths =
        [
            "/", $"/posts/{post.Id}", $"/authors/{author.Id}", "/feed.atom", $"/authors/{author.Id}/feed.atom",
            "/blog/", $"/blog/{post.Id}/", "/register", "/login", "/posts/2147483647", "/no-such-page", "/write",
            "/search?q=secret", "/search?q=zq-secret",
        ];
        foreach (var path in paths)
        {
            foreach (var language in new[] { "en", "ko" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Accept", "text/html,application/json,application/atom+xml");
                request.Headers.Add("Accept-Language", language);
                var response = await client.SendAsync(request);
                Assert.True((int)response.StatusCode < 500, $"{path}: {response.StatusCode}");
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain(email, body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(localPart, body, StringComparison.OrdinalIgnoreCase);
            }
        }

        var home = await Html.GetDocumentAsync(client, "/");
        Assert.Contains("Moonlight Writer", home.QuerySelector($"li[data-post-id='{post.Id}'] .post-author")!.TextContent, StringComparison.Ordinal);
        var item = (await (await client.GetAsync($"/blog/{post.Id}/")).ReadJsonAsync())["author"]!;
        Assert.Equal("Moonlight Writer", (string)item["display_name"]!);
    }

    [Fact]
    public async Task TheOwnerStillSeesTheirOwnEmail()
    {
        var signedIn = await app.SignInAsync();

        var user = await signedIn.Client.Accounts().GetUserAsync();
        Assert.Equal(signedIn.User.Email, (await user.JsonAsync(HttpStatusCode.OK)).GetProperty("email").GetString());
        var account = await Html.GetDocumentAsync(signedIn.Client, "/account");
        Assert.Equal(signedIn.User.Email, account.QuerySelector("#account-email")!.TextContent);
    }
}
