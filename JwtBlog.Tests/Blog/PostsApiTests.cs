using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using JwtBlog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Blog;

public sealed class PostsApiTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string Forbidden = "You do not have permission to perform this action.";

    [Fact]
    public async Task AnonymousVisitorsCanReadTheListAndAPost()
    {
        var author = await app.SignInAsync();
        var created = await author.Client.CreatePostAsync("Public post", "Readable by everyone");
        var id = (int)created["id"]!;
        var anonymous = app.CreateBrowser();

        var list = await anonymous.GetAsync("/blog/");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var posts = (await list.ReadJsonAsync())["posts"]!.AsArray();
        Assert.Contains(posts, p => (int)p!["id"]! == id);

        var single = await anonymous.GetAsync($"/blog/{id}/");
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        var post = (await single.ReadJsonAsync()).AsObject();
        Assert.Equal(["id", "title", "content", "content_html", "author", "created_at", "updated_at"], post.Select(p => p.Key));
        Assert.Equal("Public post", (string)post["title"]!);
        Assert.Equal("Readable by everyone", (string)post["content"]!);
        Assert.Equal(author.User.Id, (int)post["author"]!["pk"]!);
        Assert.Equal(author.User.DisplayName, (string)post["author"]!["display_name"]!);
        Assert.Equal(["pk", "display_name"], post["author"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task CreatingAPostAnswers201WithItsLocationTheOriginalMessageAndThePost()
    {
        var author = await app.SignInAsync();
        var now = app.Clock.GetUtcNow();

        var response = await author.Client.PostAsJsonAsync("/blog/", new { title = "  첫 글  ", content = "내용입니다\n둘째 줄" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("글 작성 완료!", (string)body["message"]!);
        var post = body["post"]!;
        var id = (int)post["id"]!;
        Assert.Equal($"/blog/{id}/", response.Headers.Location!.OriginalString);
        Assert.Equal("첫 글", (string)post["title"]!);
        Assert.Equal("내용입니다\n둘째 줄", (string)post["content"]!);
        Assert.Equal(author.User.Id, (int)post["author"]!["pk"]!);
        Assert.Equal(Api.ApiDate(now), (string)post["created_at"]!);
        Assert.Equal(Api.ApiDate(now), (string)post["updated_at"]!);

        var stored = await app.FindPostAsync(id);
        Assert.Equal(author.User.Id, stored!.AuthorId);
        Assert.Equal("첫 글", stored.Title);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
    }

    [Fact]
    public async Task KoreanTextIsSentAsUtf8AndNotEscaped()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("한국어 제목", "한국어 내용"))["id"]!;

        var response = await app.CreateBrowser().GetAsync($"/blog/{id}/");

        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"title\":\"한국어 제목\"", raw, StringComparison.Ordinal);
        Assert.Contains("\"content\":\"한국어 내용\"", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathsWithoutTheTrailingSlashWorkToo()
    {
        var author = await app.SignInAsync();

        var created = await author.Client.PostAsJsonAsync("/blog", new { title = "No slash", content = "Body" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await created.ReadJsonAsync())["post"]!["id"]!;

        Assert.Equal(HttpStatusCode.OK, (await author.Client.GetAsync("/blog")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await author.Client.GetAsync("/blog?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await author.Client.GetAsync($"/blog/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await author.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}", new { title = "Still no slash" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await author.Client.SendJsonAsync(HttpMethod.Put, $"/blog/{id}", new { title = "PUT", content = "Body" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await author.Client.DeleteAsync($"/blog/{id}")).StatusCode);
    }

    [Fact]
    public async Task WritingNeedsASignedInUserAndStoresNothingOtherwise()
    {
        var title = $"Anonymous {Guid.NewGuid():N}";
        var anonymous = app.CreateBrowser();

        var response = await anonymous.PostAsJsonAsync("/blog/", new { title, content = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authentication credentials were not provided.", (string)(await response.ReadJsonAsync())["detail"]!);
        Assert.False(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Title == title)));

        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync())["id"]!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { title = "Mine now" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/blog/{id}/")).StatusCode);
        Assert.Equal("A title", (await app.FindPostAsync(id))!.Title);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{}""", """{"title":["This field is required."],"content":["This field is required."]}""" },
        { """{"title":"   ","content":" \n\t "}""", """{"title":["This field may not be blank."],"content":["This field may not be blank."]}""" },
        { """{"title":"","content":""}""", """{"title":["This field may not be blank."],"content":["This field may not be blank."]}""" },
        { """{"title":null,"content":null}""", """{"title":["This field may not be null."],"content":["This field may not be null."]}""" },
        { """{"title":123,"content":["a"]}""", """{"title":["Not a valid string."],"content":["Not a valid string."]}""" },
        { """{"title":true,"content":{"a":1}}""", """{"title":["Not a valid string."],"content":["Not a valid string."]}""" },
        { """{"title":"ok"}""", """{"content":["This field is required."]}""" },
        {
            $$"""{"title":"{{new string('t', 101)}}","content":"{{new string('c', 20_001)}}"}""",
            """{"title":["Ensure this field has no more than 100 characters."],"content":["Ensure this field has no more than 20000 characters."]}"""
        },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task AnInvalidPostIsRefusedNamingEachFieldAndNothingIsStored(string body, string errors)
    {
        var author = await app.SignInAsync();

        var response = await author.Client.PostAsync("/blog/", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(errors), await response.ReadJsonAsync()), await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.AuthorId == author.User.Id)));
    }

    [Fact]
    public async Task LimitsCountCharactersAfterTrimmingTheTitle()
    {
        var author = await app.SignInAsync();
        var title = "  " + string.Concat(Enumerable.Repeat("가😀", 50)) + "  ";
        var content = "\n  " + new string('c', 19_997);

        var post = await author.Client.CreatePostAsync(title, content);

        Assert.Equal(title.Trim(), (string)post["title"]!);
        Assert.Equal(content, (string)post["content"]!);
    }

    [Fact]
    public async Task AnAuthorOrIdInTheBodyIsIgnored()
    {
        var victim = await app.CreateUserAsync();
        var author = await app.SignInAsync();

        var response = await author.Client.PostAsJsonAsync("/blog/", new
        {
            id = 999_999,
            title = "Mass assignment",
            content = "x",
            author = new { pk = victim.Id, email = victim.Email },
            author_id = victim.Id,
            created_at = "2000-01-01T00:00:00Z",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var post = (await response.ReadJsonAsync())["post"]!;
        Assert.NotEqual(999_999, (int)post["id"]!);
        Assert.Equal(author.User.Id, (int)post["author"]!["pk"]!);
        Assert.Equal(author.User.Id, (await app.FindPostAsync((int)post["id"]!))!.AuthorId);
        Assert.StartsWith(app.Clock.GetUtcNow().Year.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)post["created_at"]!, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, HttpStatusCode> OddRequests => new()
    {
        { "text/plain", """{"title":"a","content":"b"}""", HttpStatusCode.UnsupportedMediaType },
        { "application/x-www-form-urlencoded", "title=a&content=b", HttpStatusCode.UnsupportedMediaType },
        { "application/json", """{"title":""", HttpStatusCode.BadRequest },
        { "application/json", "[]", HttpStatusCode.BadRequest },
        { "application/json", "\"title\"", HttpStatusCode.BadRequest },
        { "application/json", "null", HttpStatusCode.BadRequest },
        { "application/json", new string('[', 100) + new string(']', 100), HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(OddRequests))]
    public async Task OddBodiesGetA4xxOrAreStoredNeverA500(string contentType, string body, HttpStatusCode expected)
    {
        var author = await app.SignInAsync();

        var response = await author.Client.PostAsync("/blog/", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        var json = await response.ReadJsonAsync();
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.StartsWith("JSON parse error - ", (string)json["detail"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NullCharactersAreRefusedPerFieldOnEveryDatabase()
    {
        var author = await app.SignInAsync();

        var response = await author.Client.PostAsync("/blog/", new StringContent(
            """{"title":"a\u0000b","content":"\u0000"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal("Null characters are not allowed.", (string)json["title"]![0]!);
        Assert.Equal("Null characters are not allowed.", (string)json["content"]![0]!);
    }

    [Fact]
    public async Task AMissingPostIs404InJson()
    {
        var client = app.CreateBrowser();

        foreach (var url in new[] { "/blog/2147483647/", "/blog/0/", "/blog/-1/", "/blog/abc/", "/blog/99999999999/" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Not found.", (string)(await response.ReadJsonAsync())["detail"]!);
        }

        var signedIn = await app.SignInAsync();
        foreach (var method in new[] { "PUT", "PATCH", "DELETE" })
        {
            var response = await signedIn.Client.SendJsonAsync(new HttpMethod(method), "/blog/2147483647/", new { title = "t", content = "c" });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Not found.", (string)(await response.ReadJsonAsync())["detail"]!);
        }
    }

    [Fact]
    public async Task AnUnsupportedMethodIs405()
    {
        var signedIn = await app.SignInAsync();

        var response = await signedIn.Client.SendJsonAsync(HttpMethod.Put, "/blog/", new { title = "t", content = "c" });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("Method \"PUT\" not allowed.", (string)(await response.ReadJsonAsync())["detail"]!);
    }

    [Fact]
    public async Task TheAuthorReplacesWithPutAndChangesOneFieldWithPatch()
    {
        var author = await app.SignInAsync();
        var created = await author.Client.CreatePostAsync("Before", "Old content");
        var id = (int)created["id"]!;
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var put = await author.Client.SendJsonAsync(HttpMethod.Put, $"/blog/{id}/", new { title = " After ", content = "New content" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var afterPut = await put.ReadJsonAsync();
        Assert.Equal("After", (string)afterPut["title"]!);
        Assert.Equal("New content", (string)afterPut["content"]!);
        Assert.Equal((string)created["created_at"]!, (string)afterPut["created_at"]!);
        Assert.Equal(Api.ApiDate(app.Clock.GetUtcNow()), (string)afterPut["updated_at"]!);
        Assert.Equal(author.User.Id, (int)afterPut["author"]!["pk"]!);

        var patch = await author.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { content = "Patched" });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var stored = await app.FindPostAsync(id);
        Assert.Equal("After", stored!.Title);
        Assert.Equal("Patched", stored.Content);
    }

    [Fact]
    public async Task PutNeedsBothFieldsAndPatchValidatesWhatItSends()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("Keep", "Keep this"))["id"]!;

        var put = await author.Client.SendJsonAsync(HttpMethod.Put, $"/blog/{id}/", new { title = "Only a title" });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"content":["This field is required."]}"""), await put.ReadJsonAsync()));

        var patch = await author.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { title = " ", content = new string('c', 20_001) });
        Assert.Equal(HttpStatusCode.BadRequest, patch.StatusCode);
        var errors = (await patch.ReadJsonAsync()).AsObject();
        Assert.Equal(["title", "content"], errors.Select(e => e.Key));

        var stored = await app.FindPostAsync(id);
        Assert.Equal(("Keep", "Keep this"), (stored!.Title, stored.Content));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task SomeoneElseGets403AndNothingChanges(string method)
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("Mine", "My words"))["id"]!;
        var other = await app.SignInAsync();

        var response = await other.Client.SendJsonAsync(new HttpMethod(method), $"/blog/{id}/", new { title = "Yours", content = "Your words" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Forbidden, (string)(await response.ReadJsonAsync())["detail"]!);
        var stored = await app.FindPostAsync(id);
        Assert.Equal(("Mine", "My words", author.User.Id), (stored!.Title, stored.Content, stored.AuthorId));
    }

    [Fact]
    public async Task StaffCanEditAndDeleteAnyPostAndTheAuthorStays()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("Needs moderation", "x"))["id"]!;
        var staff = await app.SignInAsync(await app.CreateUserAsync(staff: true));

        var patch = await staff.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { title = "Moderated" });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(author.User.Id, (int)(await patch.ReadJsonAsync())["author"]!["pk"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.DeleteAsync($"/blog/{id}/")).StatusCode);
        Assert.Null(await app.FindPostAsync(id));
    }

    [Fact]
    public async Task StaffStatusIsReadFromTheDatabaseNotFromTheToken()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("Target", "x"))["id"]!;
        var formerStaff = await app.SignInAsync(await app.CreateUserAsync(staff: true));

        // Staff powers need a session with a second factor, so the user to be promoted signs in with one.
        var toPromote = await app.CreateUserAsync();
        await app.SecondFactors.EnrolAsync(toPromote);
        var newStaff = await app.SignInAsync(toPromote);

        await app.SetStaffAsync(formerStaff.User, staff: false);
        await app.SetStaffAsync(newStaff.User, staff: true);

        var refused = await formerStaff.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { title = "Demoted" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var allowed = await newStaff.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { title = "Promoted" });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("Promoted", (await app.FindPostAsync(id))!.Title);
    }

    [Fact]
    public async Task TheAuthorDeletesWith204AndThePostIsGone()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync())["id"]!;

        var response = await author.Client.DeleteAsync($"/blog/{id}/");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await author.Client.GetAsync($"/blog/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await author.Client.DeleteAsync($"/blog/{id}/")).StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task ACookieAuthenticatedWriteWithoutTheCsrfHeaderIs403AndChangesNothing(string method)
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("Untouched", "x"))["id"]!;
        var client = author.Client;
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var url = method == "POST" ? "/blog/" : $"/blog/{id}/";

        foreach (var token in new string?[] { null, "forged", author.CsrfToken + "x" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = JsonContent.Create(new { title = "Forged", content = "Forged" }),
            };
            if (token is not null)
            {
                request.Headers.Add("X-CSRF-TOKEN", token);
            }

            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("CSRF Failed: CSRF token missing or incorrect.", (string)(await response.ReadJsonAsync())["detail"]!);
        }

        Assert.Equal("Untouched", (await app.FindPostAsync(id))!.Title);
        Assert.Equal(1, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.AuthorId == author.User.Id)));
    }

    [Fact]
    public async Task BearerAuthenticatedWritesNeedNoCsrfHeader()
    {
        var signedIn = await app.SignInAsync();
        var bearer = app.CreateBearerClient(signedIn);

        var created = await bearer.PostAsJsonAsync("/blog/", new { title = "Bearer", content = "No CSRF needed" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await created.ReadJsonAsync())["post"]!["id"]!;

        Assert.Equal(HttpStatusCode.OK, (await bearer.SendJsonAsync(HttpMethod.Put, $"/blog/{id}/", new { title = "B", content = "C" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { title = "B2" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await bearer.DeleteAsync($"/blog/{id}/")).StatusCode);
    }

    [Fact]
    public async Task ADeletedUsersPostsStayReadableWithoutAnAuthor()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("Orphan", "Still here"))["id"]!;

        await app.DeleteUserAsync(author.User);

        var single = await app.CreateBrowser().GetAsync($"/blog/{id}/");
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        var post = (await single.ReadJsonAsync()).AsObject();
        Assert.True(post.ContainsKey("author"));
        Assert.Null(post["author"]);
        Assert.Equal("Still here", (string)post["content"]!);

        var list = await (await app.CreateBrowser().GetAsync("/blog/?limit=100")).ReadJsonAsync();
        var listed = Assert.Single(list["posts"]!.AsArray(), p => (int)p!["id"]! == id);
        Assert.Null(listed!["author"]);
        Assert.Null((await app.FindPostAsync(id))!.AuthorId);
    }

    [Fact]
    public async Task OnlyStaffCanChangeADeletedUsersPost()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("Orphan", "x"))["id"]!;
        await app.DeleteUserAsync(author.User);
        var other = await app.SignInAsync();
        var staff = await app.SignInAsync(await app.CreateUserAsync(staff: true));

        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.DeleteAsync($"/blog/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.DeleteAsync($"/blog/{id}/")).StatusCode);
    }
}
