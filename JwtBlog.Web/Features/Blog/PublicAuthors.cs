using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Blog;

// Whose author page and feed exist: any user's, except a deactivated user's without posts (nothing public to show).
public static class PublicAuthors
{
    public static async Task<string?> FindDisplayNameAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var author = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.DisplayName, u.IsActive, HasPosts = db.Posts.Any(p => p.AuthorId == u.Id) })
            .SingleOrDefaultAsync(ct);
        return author is not null && (author.IsActive || author.HasPosts) ? author.DisplayName : null;
    }
}
