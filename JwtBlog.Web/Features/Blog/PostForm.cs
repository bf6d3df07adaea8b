namespace JwtBlog.Web.Features.Blog;

// What _PostForm needs: where the JSON goes, how, and the values to start from. The labels come from BlogText.
public sealed record PostForm(string Action, string Method, string Title, string Content, string SubmitLabelKey, string? CancelUrl);
