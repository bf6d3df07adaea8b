namespace JwtBlog.Web.Features.Shared;

// {}: what simplejwt's token/verify/ answers on success.
public sealed record EmptyResponse;
