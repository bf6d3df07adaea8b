using Microsoft.AspNetCore.Mvc;

namespace JwtBlog.Web.Features.Accounts;

// Where to go after signing in: a local path only (Url.IsLocalUrl refuses //host, /\host, absolute and javascript:
// addresses), anything else is the home page. "~/" is a server-side form a browser would not understand.
public static class ReturnUrls
{
    public static string Safe(IUrlHelper url, string? returnUrl) =>
        url.IsLocalUrl(returnUrl) && returnUrl.StartsWith('/') ? returnUrl : "/";
}
