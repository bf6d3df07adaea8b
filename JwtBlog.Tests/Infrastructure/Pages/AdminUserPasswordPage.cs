using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /admin/users/{id}/password: a new password, typed twice.
public sealed class AdminUserPasswordPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public const string FormSelector = "#password-form";

    public IHtmlFormElement Form => Html.Form(Document, FormSelector);

    public static string PathFor(int userId) => $"/admin/users/{userId}/password";

    public static async Task<AdminUserPasswordPage> OpenAsync(HttpClient client, int userId) =>
        new(client, await Html.GetDocumentAsync(client, PathFor(userId)));

    public Task<HttpResponseMessage> SetPasswordAsync(string password1, string password2) =>
        Client.SubmitAsync(Form, new Dictionary<string, string> { ["Input.Password1"] = password1, ["Input.Password2"] = password2 });

    public Task<HttpResponseMessage> SubmitEmptyAsync() => Client.SubmitAsync(Form);

    // Opens the page and sets the password in one go; the answer is a redirect, or the page again with errors.
    public static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, int userId, string password1, string password2) =>
        await (await OpenAsync(client, userId)).SetPasswordAsync(password1, password2);
}
