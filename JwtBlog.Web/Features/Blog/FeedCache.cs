using System.Collections.Concurrent;
using JwtBlog.Web.Features.Shared.ScaleOut;

namespace JwtBlog.Web.Features.Blog;

// The first page of the newest-first feed (per limit and excerpt length), the same for every visitor, kept in memory
// until the next write to posts or users (FeedWriteWatcher calls Invalidate after each such write, before the write
// is acknowledged). A read that began before a write never stores its page after that write: the version it started
// from no longer matches. With Redis, Invalidate tells the other instances too, which call InvalidateHere.
public sealed class FeedCache(InstanceBroadcast? broadcast = null)
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
        InvalidateHere();
        broadcast?.FeedChanged();
    }

    public void InvalidateHere()
    {
        lock (_writes)
        {
            _version++;
            _firstPages.Clear();
        }
    }
}
