using System.Threading.RateLimiting;

namespace JwtBlog.Web.Features.Shared.ScaleOut;

// The answer of a shared fixed window: taken, or refused with the wait until the window ends (Retry-After).
internal sealed class WindowLease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
{
    public static readonly WindowLease Acquired = new(true, null);

    // Not taken and no wait known: the rate limiting middleware then asks again through AcquireAsync.
    public static readonly WindowLease AskAsync = new(false, null);

    public override bool IsAcquired => isAcquired;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public static WindowLease Refused(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }
}
