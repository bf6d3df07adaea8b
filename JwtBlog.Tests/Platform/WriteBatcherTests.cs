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
    public async Task NewRowsQueuedTogetherAreInsertedTogetherAndARefusedOneFailsAlone()
    {
        TestDatabase.SkipUnlessSqlite("the batcher queues on the in-process write gate, which PostgreSQL does not need");
        var batcher = app.Services.GetRequiredService<WriteBatcher>();
        var author = await app.CreateUserAsync("grouped@example.com");
        var now = app.Clock.GetUtcNow().UtcDateTime;

        // The third names an author who does not exist: the grouped insert fails, and the rows are retried one by one.
        Task<Post>[] adds;
        using (await app.Services.GetRequiredService<WriteGate>().EnterAsync(TestContext.Current.CancellationToken))
        {
            adds = [.. Enumerable.Range(1, 4).Select(i => batcher.AddAsync(() => new Post
            {
                Title = $"Grouped {i}",
                Content = "x",
                AuthorId = i == 3 ? int.MaxValue : author.Id,
                CreatedAt = now,
                UpdatedAt = now,
            }))];
            Assert.All(adds, add => Assert.False(add.IsCompleted));
        }

        await Assert.ThrowsAsync<DbUpdateException>(() => adds[2]);
        var added = await Task.WhenAll(adds.Where((_, i) => i != 2));
        Assert.Equal(["Grouped 1", "Grouped 2", "Grouped 4"], added.Select(post => post.Title));
        Assert.Equal(3, added.Select(post => post.Id).Distinct().Count());
        foreach (var post in added)
        {
            Assert.Equal(post.Title, (await app.FindPostAsync(post.Id))!.Title);
        }

        var stored = await app.WithDbAsync(db => db.Posts.CountAsync(p => p.Title.StartsWith("Grouped ")));
        Assert.Equal(3, stored);
    }

    [Fact]
    public async Task NewRowsWithoutAFailureAreAnsweredWithTheirIds()
    {
        var batcher = app.Services.GetRequiredService<WriteBatcher>();
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var added = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            batcher.AddAsync(() => new Post { Title = $"Together {i}", Content = "x", CreatedAt = now, UpdatedAt = now })));

        Assert.Equal(20, added.Select(post => post.Id).Distinct().Count());
        foreach (var post in added)
        {
            Assert.Equal(post.Title, (await app.FindPostAsync(post.Id))!.Title);
        }
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
