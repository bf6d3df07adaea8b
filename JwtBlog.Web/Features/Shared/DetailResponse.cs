namespace JwtBlog.Web.Features.Shared;

public sealed record DetailResponse(string Detail);
