using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Blog;

// The rules of a post's fields, for the API, the admin form and the views' maxlength: the title is trimmed and
// 1-100 characters; the content is kept exactly as typed (leading spaces and newlines matter), not blank, at most
// 20,000 characters. Both must be JSON strings: the original stored 123 as "123" and ["a"] as "['a']".
// Errors are in the request's language (ApiText), for the API and the forms alike.
public static class PostRules
{
    public const int TitleMaxLength = Post.TitleMaxLength;
    public const int ContentMaxLength = Post.ContentMaxLength;

    public static string? ReadTitle(JsonBody body) => Check(body, "title", body.Text("title", trim: true, allowNumbers: false), title => TitleError(title, body.Messages));

    public static string? ReadContent(JsonBody body) => Check(body, "content", body.Text("content", allowNumbers: false), content => ContentError(content, body.Messages));

    // The title as stored: trimmed.
    public static string NormalizeTitle(string title) => title.Trim();

    // The error of an already trimmed title, or null.
    public static string? TitleError(string title, IStringLocalizer<ApiText> messages) =>
        title.Length == 0 ? messages[FieldMessages.Blank].Value
        : FieldMessages.Length(title) > TitleMaxLength ? FieldMessages.TooLong(messages, TitleMaxLength)
        : null;

    public static string? ContentError(string content, IStringLocalizer<ApiText> messages) =>
        FieldMessages.Length(content) > ContentMaxLength ? FieldMessages.TooLong(messages, ContentMaxLength)
        : string.IsNullOrWhiteSpace(content) ? messages[FieldMessages.Blank].Value
        : null;

    private static string? Check(JsonBody body, string name, string? value, Func<string, string?> rule)
    {
        if (value is not null && rule(value) is { } error)
        {
            body.Errors.Add(name, error);
            return null;
        }

        return value;
    }
}
