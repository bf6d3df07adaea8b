using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Blog;

public static class PostQueries
{
    // The posts with their authors' display names, newest first, in one flat LEFT JOIN that a LIMIT can follow. (With the
    // Author navigation in the projection, EF Core joins the authors to a LIMIT subquery and SQLite sorts it again in
    // a temporary b-tree.) With contentLength, only that many characters of the content are read.
    public static IQueryable<PostView> NewestFirst(this IQueryable<Post> posts, AppDbContext db, int? contentLength = null)
    {
        var rows =
            from post in posts
            join user in db.Users on post.AuthorId equals (int?)user.Id into authors
            from author in authors.DefaultIfEmpty()
            orderby post.Id descending
            select new { Post = post, Name = author!.DisplayName };

        return contentLength is { } length
            ? rows.Select(r => new PostView(
                r.Post.Id, r.Post.Title, r.Post.Content.Substring(0, length), r.Post.AuthorId, r.Name, r.Post.CreatedAt, r.Post.UpdatedAt))
            : rows.Select(r => new PostView(
                r.Post.Id, r.Post.Title, r.Post.Content, r.Post.AuthorId, r.Name, r.Post.CreatedAt, r.Post.UpdatedAt));
    }

    public static Task<PostView?> FindViewAsync(this AppDbContext db, int id, CancellationToken ct) =>
        db.Posts.AsNoTracking().Where(p => p.Id == id).NewestFirst(db).SingleOrDefaultAsync(ct);
}
