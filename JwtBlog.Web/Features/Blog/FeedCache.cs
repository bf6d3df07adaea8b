using System.Collections.Concurrent;

namespace JwtBlog.Web.Features.Blog;

// The first page of the newest-first feed (per limit and excerpt length), the same for every visitor, kept in memory
// until the next write to posts or users (FeedWriteWatcher calls Invalidate after each such write, before the write
// is acknowledged). A read that began before a write never stores its page after that write: the version it started
// from no longer matches. Invalidate is the one place another instance's broadcast will call too.
public sealed class FeedCache
{
    private readonly ConcurrentDictionary<(int Limit, int? ExcerptLength), FeedPage> _firstPages = new();
    private readonly Lock _writes = new();
    private long _version;

    public long Version => Volatile.Read(ref _version);

    public bool TryGetFirstPage(int limit, int? excerptLength, out FeedPage page) =>
        _firstPages.TryGetValue((limit, excerptLength), out page!);

    // versionBefore is Version as read before the database was asked.
    public void StoreFirstPage(int limit, int? excerptLength, long versionBefore, FeedPage page)
    {
        lock (_writes)
        {
            if (_version == versionBefore)
            {
                _firstPages[(limit, excerptLength)] = page;
            }
        }
    }

    public void Invalidate()
    {
        lock (_writes)
        {
            _version++;
            _firstPages.Clear();
        }
    }
}
