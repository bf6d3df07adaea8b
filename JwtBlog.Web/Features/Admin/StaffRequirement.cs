using Microsoft.AspNetCore.Authorization;

namespace JwtBlog.Web.Features.Admin;

public sealed class StaffRequirement : IAuthorizationRequirement;
