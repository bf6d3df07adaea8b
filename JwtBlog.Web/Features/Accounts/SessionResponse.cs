using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// GET /accounts/sessions/: one session, dates in DRF's format.
public sealed record SessionResponse(
    string Id, string CreatedAt, string LastSeenAt, string? Ip, string? UserAgent, string Device, bool Current)
{
    public static SessionResponse From(SessionDetails session) => new(
        session.Id,
        DrfFormat.DateTime(session.CreatedAt),
        DrfFormat.DateTime(session.LastSeenAt),
        session.Ip,
        session.UserAgent,
        session.Device,
        session.Current);
}
