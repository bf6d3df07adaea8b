using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Blog;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Admin.Posts;

// The post form of the admin. Title and content follow the API's rules (PostRules); the author is chosen by email.
public sealed class PostInput
{
    public string? Title { get; set; }

    public string? Content { get; set; }

    public string? AuthorEmail { get; set; }

    public static PostInput From(Post post) => new() { Title = post.Title, Content = post.Content, AuthorEmail = post.Author?.Email };

    // Checks the fields into ModelState; returns the chosen author (null: none, allowed only when keepNoAuthor).
    public async Task<AppUser?> ValidateAsync(
        ModelStateDictionary modelState, UserAccounts accounts, IStringLocalizer<ApiText> messages, IStringLocalizer<AdminText> texts, bool keepNoAuthor)
    {
        Title = PostRules.NormalizeTitle(Title ?? "");
        // Browsers send a textarea's line breaks as CRLF; stored posts use LF, as the API's clients send them.
        Content = Content?.ReplaceLineEndings("\n") ?? "";
        AuthorEmail = AuthorEmail?.Trim() ?? "";
        AddError(modelState, "Input.Title", PostRules.TitleError(Title, messages));
        AddError(modelState, "Input.Content", PostRules.ContentError(Content, messages));
        if (AuthorEmail.Length == 0)
        {
            if (!keepNoAuthor)
            {
                modelState.AddModelError("Input.AuthorEmail", messages[FieldMessages.Required]);
            }

            return null;
        }

        var author = await accounts.FindByEmailAsync(AuthorEmail);
        if (author is null)
        {
            modelState.AddModelError("Input.AuthorEmail", texts["PostForm.NoSuchAuthor"]);
        }

        return author;
    }

    private static void AddError(ModelStateDictionary modelState, string key, string? error)
    {
        if (error is not null)
        {
            modelState.AddModelError(key, error);
        }
    }
}
