using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Blog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Platform;

// Group commit: writes queued while the gate is held wait for it, and one failing write fails alone.
public sealed class WriteBatcherTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task WritesQueuedTogetherAreCommittedTogetherAndAFailingOneFailsAlone()
    {
        TestDatabase.SkipUnlessSqlite("the batcher queues on the in-process write gate, which PostgreSQL does not need");
        var batcher = app.Services.GetRequiredService<WriteBatcher>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var posts = Enumerable.Range(1, 5)
            .Select(i => new Post { Title = $"Batched {i}", Content = "x", CreatedAt = now, UpdatedAt = now })
            .ToList();

        // While the gate is held, every write only queues; the batcher commits them once it gets the gate.
        Task[] writes;
        using (await app.Services.GetRequiredService<WriteGate>().EnterAsync(TestContext.Current.CancellationToken))
        {
            writes = [.. posts.Select((post, i) => batcher.RunAsync(async (db, ct) =>
            {
                db.Posts.Add(post);
                await db.SaveChangesAsync(ct);
                if (i == 2)
                {
                    throw new InvalidOperationException("This write fails after its insert.");
                }
            }))];
            Assert.All(writes, write => Assert.False(write.IsCompleted));
        }

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[2]);
        Assert.Equal("This write fails after its insert.", failure.Message);
        await Task.WhenAll(writes.Where((_, i) => i != 2));

        // The failed write's id may be reused by the next write (its insert was undone), so titles are compared.
        var stored = await app.WithDbAsync(db => db.Posts.Where(p => p.Title.StartsWith("Batched ")).Select(p => p.Title).ToListAsync());
        Assert.Equal(["Batched 1", "Batched 2", "Batched 4", "Batched 5"], stored.Order());
    }

    [Fact]
    public async Task AWriteIsAnsweredWithItsResultAfterItsCommit()
    {
        var batcher = app.Services.GetRequiredService<WriteBatcher>();
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var id = await batcher.RunAsync(async (db, ct) =>
        {
            var post = new Post { Title = "Alone", Content = "x", CreatedAt = now, UpdatedAt = now };
            db.Posts.Add(post);
            await db.SaveChangesAsync(ct);
            return post.Id;
        });

        Assert.Equal("Alone", (await app.FindPostAsync(id))!.Title);
    }
}
