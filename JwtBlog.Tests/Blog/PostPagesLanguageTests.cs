using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;

namespace JwtBlog.Tests.Blog;

// The post, write and edit pages in English and Korean, every text from the resources; the home page's excerpt is
// the post's words without the Markdown syntax.
public sealed class PostPagesLanguageTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Theory]
    [InlineData("en", "Edit", "Write a post", "Publish", "Save changes", "5 / 100 characters")]
    [InlineData("ko", "수정", "글쓰기", "게시하기", "변경 사항 저장", "5 / 100자")]
    public async Task ThePostPagesSpeakTheReadersLanguage(
        string language, string edit, string writeTitle, string publish, string save, string titleCounter)
    {
        var author = await app.SignInAsync();
        author.Client.DefaultRequestHeaders.Add("Accept-Language", language);
        var id = (int)(await author.Client.CreatePostAsync("Title", "Content"))["id"]!;
        app.MissingTexts.Clear();

        var details = await Html.GetDocumentAsync(author.Client, $"/posts/{id}");
        Assert.Equal(language, details.DocumentElement.GetAttribute("lang"));
        Assert.Equal(edit, details.QuerySelector("#edit-post")!.TextContent);

        var write = await WriterPage.OpenWriteAsync(author.Client);
        Assert.Equal(language, write.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(writeTitle, write.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal(publish, write.Document.QuerySelector("#post-submit")!.TextContent);

        var editor = await WriterPage.OpenEditAsync(author.Client, id);
        Assert.Equal(save, editor.Document.QuerySelector("#post-submit")!.TextContent);
        Assert.Equal(titleCounter, editor.Document.QuerySelector("#title-counter")!.TextContent);

        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task TheHomePageExcerptIsPlainText()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("Markdown", "## Heading\n\nSome **bold** and a [link](https://example.com).\n\n- one"))["id"]!;

        var page = await HomePage.OpenAsync(app.CreateBrowser());

        var excerpt = page.Item(id).QuerySelector(".post-excerpt")!;
        Assert.Equal("Heading Some bold and a link. one", excerpt.TextContent);
        Assert.Empty(excerpt.Children);
    }
}
