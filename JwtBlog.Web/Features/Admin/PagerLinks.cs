namespace JwtBlog.Web.Features.Admin;

// The previous/next links of a page; null where there is no such page.
public sealed record PagerLinks(string? Previous, string? Next);
