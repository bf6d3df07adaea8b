using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// /admin/users/{id}: the user form, the end-sessions form and the status line.
public sealed class AdminUserEditPage(HttpClient client, IHtmlDocument document) : HtmlPage(client, document)
{
    public const string FormSelector = "#user-form";
    public const string EndSessionsFormSelector = "#end-sessions-form";

    public IHtmlFormElement Form => Html.Form(Document, FormSelector);

    public IHtmlFormElement EndSessionsForm => Html.Form(Document, EndSessionsFormSelector);

    public string Status => Get("#admin-status").TextContent;

    public IHtmlInputElement Input(string id) => Assert.IsAssignableFrom<IHtmlInputElement>(Get($"#Input_{id}"));

    public static string PathFor(int userId) => $"/admin/users/{userId}";

    public static async Task<AdminUserEditPage> OpenAsync(HttpClient client, int userId) =>
        new(client, await Html.GetDocumentAsync(client, PathFor(userId)));

    // Saves the form with these fields changed; the answer is a redirect, or the page again with errors.
    public Task<HttpResponseMessage> SaveAsync(IDictionary<string, string>? values = null) => Client.SubmitAsync(Form, values);

    public Task<HttpResponseMessage> EndSessionsAsync() => Client.SubmitAsync(EndSessionsForm);

    public static async Task<HttpResponseMessage> SaveAsync(HttpClient client, int userId, IDictionary<string, string>? values = null) =>
        await (await OpenAsync(client, userId)).SaveAsync(values);

    public static async Task<AdminUserEditPage> ParseAsync(HttpClient client, HttpResponseMessage response) =>
        new(client, await Html.ParseAsync(response));
}
