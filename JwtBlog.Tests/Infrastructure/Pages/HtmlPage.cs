using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure.Pages;

// A page as a client received it: its document, the client that fetched it, and what the layout shows on every page.
public abstract class HtmlPage(HttpClient client, IHtmlDocument document)
{
    public HttpClient Client => client;

    public IHtmlDocument Document => document;

    public string? NavUserName => document.QuerySelector("#nav-user")?.TextContent;

    public bool HasAdminLink => document.QuerySelector("#nav-admin") is not null;

    public IHtmlFormElement LogoutForm => Html.Form(document, "#logout-form");

    public IElement? Find(string selector) => document.QuerySelector(selector);

    public IElement Get(string selector) => Assert.Single(document.QuerySelectorAll(selector));

    // The field's error text next to it (the validation message for the field name), "" when none.
    public string ErrorFor(string field) => document.ErrorFor(field);

    public Task<HttpResponseMessage> LogOutAsync() => client.SubmitAsync(LogoutForm);
}
