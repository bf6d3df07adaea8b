using System.Globalization;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Blog;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace JwtBlog.Web.Features.Admin.Posts;

// The post form of the admin. Title and content follow the API's rules (title trimmed, 1–100 characters; content
// kept as typed, not blank, at most 20,000); the author is chosen by email.
public sealed class PostInput
{
    public const string Blank = "This field may not be blank.";

    public string? Title { get; set; }

    public string? Content { get; set; }

    public string? AuthorEmail { get; set; }

    public static PostInput From(Post post) => new() { Title = post.Title, Content = post.Content, AuthorEmail = post.Author?.Email };

    // Checks the fields into ModelState; returns the chosen author (null: none, allowed only when keepNoAuthor).
    public async Task<AppUser?> ValidateAsync(ModelStateDictionary modelState, UserAccounts accounts, bool keepNoAuthor)
    {
        Title = Title?.Trim() ?? "";
        // Browsers send a textarea's line breaks as CRLF; stored posts use LF, as the API's clients send them.
        Content = Content?.ReplaceLineEndings("\n") ?? "";
        AuthorEmail = AuthorEmail?.Trim() ?? "";
        CheckText(modelState, "Input.Title", Title, Post.TitleMaxLength);
        CheckText(modelState, "Input.Content", Content, Post.ContentMaxLength);
        if (AuthorEmail.Length == 0)
        {
            if (!keepNoAuthor)
            {
                modelState.AddModelError("Input.AuthorEmail", "This field is required.");
            }

            return null;
        }

        var author = await accounts.FindByEmailAsync(AuthorEmail);
        if (author is null)
        {
            modelState.AddModelError("Input.AuthorEmail", "No user has this email address.");
        }

        return author;
    }

    // Lengths count characters (code points) as Django does, not UTF-16 units.
    private static void CheckText(ModelStateDictionary modelState, string key, string value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            modelState.AddModelError(key, Blank);
        }
        else if (value.EnumerateRunes().Count() > maxLength)
        {
            modelState.AddModelError(key, string.Format(CultureInfo.InvariantCulture, "Ensure this field has no more than {0} characters.", maxLength));
        }
    }
}
