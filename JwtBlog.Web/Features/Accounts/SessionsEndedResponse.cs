namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/sessions/end-others/: how many sessions ended.
public sealed record SessionsEndedResponse(int Ended);
