using System.Collections.Concurrent;
using JwtBlog.Web.Features.Shared.ScaleOut;

namespace JwtBlog.Web.Features.Blog;

// The first page of the newest-first feed (per limit and excerpt length), the same for every visitor, kept in memory
// until the next write to posts or users (FeedWriteWatcher calls Invalidate after each such write, before the write
// is acknowledged). A read that began before a write never stores its page after that write: the version it started
// from no longer matches. With Redis, Invalidate tells the other instances too, which call InvalidateHere.
// Beside the pages it keeps their finished answers (GET /blog/'s JSON bytes), under the same rule; the key says what
// the bytes depend on, and answers are the same for every visitor, so no user's data is ever in them.
public sealed class FeedCache(InstanceBroadcast? broadcast = null)
{
    // Keys come from the request (limit, path base): a full dictionary starts over rather than grow.
    private const int MaxAnswers = 64;

    private readonly ConcurrentDictionary<(int Limit, int? ExcerptLength), FeedPage> _firstPages = new();
    private readonly ConcurrentDictionary<string, ReadOnlyMemory<byte>> _answers = new(StringComparer.Ordinal);
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

    public bool TryGetAnswer(string key, out ReadOnlyMemory<byte> answer) => _answers.TryGetValue(key, out answer);

    // versionBefore is Version as read before the page the answer shows was read.
    public void StoreAnswer(string key, long versionBefore, ReadOnlyMemory<byte> answer)
    {
        lock (_writes)
        {
            if (_version == versionBefore)
            {
                if (_answers.Count >= MaxAnswers)
                {
                    _answers.Clear();
                }

                _answers[key] = answer;
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
            _answers.Clear();
        }
    }
}
