namespace JwtBlog.Web.Features.Accounts;

// One of the user's live sessions as the list shows it; Id is its public id (SessionPublicIds), never the sid.
public sealed record SessionDetails(
    string Id, DateTime CreatedAt, DateTime LastSeenAt, string? Ip, string? UserAgent, string Device, bool Current);
