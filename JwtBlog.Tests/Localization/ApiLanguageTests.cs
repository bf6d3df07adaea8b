using System.Net;
using System.Net.Http.Json;
using System.Text;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Localization;

// The API speaks Korean to a client whose Accept-Language prefers it, with the same status and JSON shape; without it
// (or with English) every answer is the original's English byte for byte. The pages' lang cookie never changes it.
public sealed class ApiLanguageTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string KoreanFirst = "ko-KR,ko;q=0.9,en-US;q=0.8";

    public static TheoryData<string> Answers() => [.. _cases.Keys];

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task An_error_answer_is_korean_when_the_client_prefers_korean(string name)
    {
        var answer = _cases[name];

        var korean = await answer.Send(app, request => request.Headers.AcceptLanguage.ParseAdd(KoreanFirst));

        Assert.Equal(answer.Korean, await korean.RawJsonAsync(answer.Status));
        Assert.Empty(app.MissingTexts.Names);
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task An_error_answer_stays_the_originals_english_without_a_korean_preference(string name)
    {
        var answer = _cases[name];

        var noHeader = await answer.Send(app, _ => { });
        var english = await answer.Send(app, request => request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9"));
        var unsupported = await answer.Send(app, request => request.Headers.AcceptLanguage.ParseAdd("fr-FR"));

        Assert.Equal(answer.English, await noHeader.RawJsonAsync(answer.Status));
        Assert.Equal(answer.English, await english.RawJsonAsync(answer.Status));
        Assert.Equal(answer.English, await unsupported.RawJsonAsync(answer.Status));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task The_pages_language_cookie_alone_leaves_the_api_english(string name)
    {
        var answer = _cases[name];

        var response = await answer.Send(app, request => request.Headers.Add("Cookie", "lang=ko"));

        Assert.Equal(answer.English, await response.RawJsonAsync(answer.Status));
    }

    private static readonly Dictionary<string, ApiAnswer> _cases = new ApiAnswer[]
    {
        new(
            "404 post",
            HttpStatusCode.NotFound,
            (app, language) => SendAsync(app.CreateClient(), HttpMethod.Get, "/blog/999999999/", language),
            """{"detail":"Not found."}""",
            """{"detail":"찾을 수 없습니다."}"""),
        new(
            "404 unknown address",
            HttpStatusCode.NotFound,
            (app, language) => SendAsync(app.CreateClient(), HttpMethod.Get, "/no/such/address/", language),
            """{"detail":"Not found."}""",
            """{"detail":"찾을 수 없습니다."}"""),
        new(
            "405",
            HttpStatusCode.MethodNotAllowed,
            (app, language) => SendAsync(app.CreateClient(), HttpMethod.Delete, "/accounts/test/", language),
            """{"detail":"Method \"DELETE\" not allowed."}""",
            """{"detail":"\"DELETE\" 메서드는 허용되지 않습니다."}"""),
        new(
            "415",
            HttpStatusCode.UnsupportedMediaType,
            (app, language) => SendAsync(app.CreateClient(), HttpMethod.Post, "/accounts/login/", language, new StringContent("{}", Encoding.UTF8, "text/plain")),
            """{"detail":"Unsupported media type \"text/plain; charset=utf-8\" in request."}""",
            """{"detail":"요청의 미디어 타입 \"text/plain; charset=utf-8\"은(는) 지원하지 않습니다."}"""),
        new(
            "401",
            HttpStatusCode.Unauthorized,
            (app, language) => SendAsync(app.CreateClient(), HttpMethod.Get, "/accounts/user/", language),
            """{"detail":"Authentication credentials were not provided."}""",
            """{"detail":"인증 정보가 없습니다. 로그인해 주세요."}"""),
        new(
            "401 bad token",
            HttpStatusCode.Unauthorized,
            (app, language) => SendAsync(app.CreateClient(), HttpMethod.Post, "/accounts/token/verify/", language, JsonContent.Create(new { token = "not-a-token" })),
            """{"detail":"Token is invalid or expired","code":"token_not_valid"}""",
            """{"detail":"토큰이 올바르지 않거나 만료되었습니다","code":"token_not_valid"}"""),
        new(
            "403 someone else's post",
            HttpStatusCode.Forbidden,
            async (app, language) =>
            {
                var author = await app.SignInAsync();
                var post = await author.Client.CreatePostAsync();
                var other = await app.SignInAsync();
                return await SendAsync(other.Client, HttpMethod.Delete, $"/blog/{post["id"]}/", language);
            },
            """{"detail":"You do not have permission to perform this action."}""",
            """{"detail":"이 작업을 할 권한이 없습니다."}"""),
        new(
            "400 join",
            HttpStatusCode.BadRequest,
            (app, language) => SendAsync(
                app.CreateClient(), HttpMethod.Post, "/accounts/join/", language,
                JsonContent.Create(new { email = "not-an-address", password1 = "8305", gender = "other", date_of_birth = "1.2.1990" })),
            """{"email":["Enter a valid email address."],"password1":["This password is too short. It must contain at least 8 characters.","This password is entirely numeric."],"password2":["This field is required."],"gender":["\"other\" is not a valid choice."],"date_of_birth":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]}""",
            """{"email":["올바른 이메일 주소를 입력해 주세요."],"password1":["비밀번호가 너무 짧습니다. 8자 이상이어야 합니다.","비밀번호가 숫자로만 되어 있습니다."],"password2":["이 항목은 필수입니다."],"gender":["\"other\"은(는) 올바른 선택지가 아닙니다."],"date_of_birth":["날짜 형식이 잘못되었습니다. YYYY-MM-DD 형식으로 입력해 주세요."]}"""),
        new(
            "400 common password",
            HttpStatusCode.BadRequest,
            (app, language) => SendAsync(
                app.CreateClient(), HttpMethod.Post, "/accounts/join/", language,
                JsonContent.Create(new { email = app.NewEmail(), password1 = "password123", password2 = "password123" })),
            """{"password1":["This password is too common."]}""",
            """{"password1":["너무 흔한 비밀번호입니다."]}"""),
        new(
            "400 login failure",
            HttpStatusCode.BadRequest,
            (app, language) => SendAsync(
                app.CreateClient(), HttpMethod.Post, "/accounts/login/", language,
                JsonContent.Create(new { email = app.NewEmail(), password = "Not-The-Password-1" })),
            """{"non_field_errors":["Unable to log in with provided credentials."]}""",
            """{"non_field_errors":["입력한 정보로 로그인할 수 없습니다."]}"""),
        new(
            "400 post",
            HttpStatusCode.BadRequest,
            async (app, language) =>
            {
                var writer = await app.SignInAsync();
                return await SendAsync(
                    writer.Client, HttpMethod.Post, "/blog/", language, JsonContent.Create(new { title = "  ", content = new string('x', 20_001) }));
            },
            """{"title":["This field may not be blank."],"content":["Ensure this field has no more than 20000 characters."]}""",
            """{"title":["이 항목은 비워 둘 수 없습니다."],"content":["이 항목은 20000자를 넘을 수 없습니다."]}"""),
        new(
            "400 feed limit",
            HttpStatusCode.BadRequest,
            (app, language) => SendAsync(app.CreateClient(), HttpMethod.Get, "/blog/?limit=0", language),
            """{"limit":["Ensure this value is greater than or equal to 1."]}""",
            """{"limit":["이 값은 1 이상이어야 합니다."]}"""),
    }.ToDictionary(answer => answer.Name);

    private static Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string url, Action<HttpRequestMessage> language, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        language(request);
        return client.SendAsync(request);
    }

    private sealed record ApiAnswer(
        string Name,
        HttpStatusCode Status,
        Func<JwtBlogApp, Action<HttpRequestMessage>, Task<HttpResponseMessage>> Send,
        string English,
        string Korean);
}
