using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace JwtBlog.Tests.Infrastructure;

// AngleSharp helpers in the shape of the Identity UI functional tests.
public static class Html
{
    public static async Task<IHtmlDocument> GetDocumentAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New();
        var document = await context.OpenAsync(request =>
        {
            request.Content(content);
            request.Address(response.RequestMessage!.RequestUri!.ToString());
            request.Status(response.StatusCode);
            foreach (var header in response.Content.Headers)
            {
                request.Header(header.Key, string.Join(", ", header.Value));
            }
        });
        return (IHtmlDocument)document;
    }

    public static IHtmlFormElement Form(IDocument document, string selector) =>
        Assert.IsAssignableFrom<IHtmlFormElement>(Assert.Single(document.QuerySelectorAll(selector)));

    // Submits the form as a browser would: its fields (the antiforgery token included), overridden by values, and
    // the name and value of the button pressed, when one is given.
    public static Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IHtmlFormElement form, IDictionary<string, string>? values = null, IHtmlElement? submitter = null)
    {
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            var element = form.Elements[name];
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" } checkbox:
                    checkbox.IsChecked = value == "true";
                    break;
                case IHtmlInputElement input:
                    input.Value = value;
                    break;
                case IHtmlTextAreaElement area:
                    area.Value = value;
                    break;
                case IHtmlSelectElement select:
                    select.Value = value;
                    break;
                default:
                    throw new ArgumentException($"The form has no field named {name}.");
            }
        }

        var submission = (submitter is null ? form.GetSubmission() : form.GetSubmission(submitter))!;
        var target = new Uri(submission.Target.Href);
        var request = new HttpRequestMessage(new System.Net.Http.HttpMethod(submission.Method.ToString().ToUpperInvariant()), target);
        if (submission.Method == AngleSharp.Io.HttpMethod.Post)
        {
            var body = new StreamContent(submission.Body);
            foreach (var header in submission.Headers)
            {
                body.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = body;
        }

        return client.SendAsync(request);
    }

    // Submits a form of the page at url and returns the answer (not followed).
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string url, string formSelector, IDictionary<string, string>? values = null)
    {
        var page = await GetDocumentAsync(client, url);
        return await client.SubmitAsync(Form(page, formSelector), values);
    }

    public static string RedirectTarget(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public static async Task<IHtmlDocument> FollowAsync(this HttpClient client, HttpResponseMessage response) =>
        await GetDocumentAsync(client, response.RedirectTarget());

    // The field's error text next to it (the validation message for the field name), "" when none.
    public static string ErrorFor(this IDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";
}
