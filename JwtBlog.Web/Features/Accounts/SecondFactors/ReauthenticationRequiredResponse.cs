using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Localization;
namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// 403 from RequireRecentAuthentication; the code lets page scripts ask for the password and retry.
public sealed record ReauthenticationRequiredResponse(string Detail, string Code)
{
    public static ReauthenticationRequiredResponse In(IStringLocalizer<ApiText> messages) =>
        new(messages["Reauth.Required"], "reauthentication_required");
}
