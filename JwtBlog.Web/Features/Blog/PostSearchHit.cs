namespace JwtBlog.Web.Features.Blog;

// A search match: the title and a snippet of the content, both plain text with PostSearch.MatchStart/MatchEnd
// around the matched words.
public sealed class PostSearchHit
{
    public int Id { get; init; }

    public DateTime CreatedAt { get; init; }

    public string Title { get; init; } = "";

    public string Snippet { get; init; } = "";
}
