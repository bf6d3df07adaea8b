using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;

namespace JwtBlog.Web.Features.Accounts;

// The signed-in user of this request, read once from the database (so staff and active flags are current).
// The request's database context is resolved only for a signed-in user: every page layout and every authorization
// check (StaffHandler) creates a CurrentUser, and an anonymous request or a plain [Authorize] should not pay for one.
public sealed class CurrentUser(IHttpContextAccessor accessor, IServiceProvider requestServices)
{
    private AppUser? _user;
    private bool _loaded;

    // Staff powers need a session that proved a second factor; a password-only session of a staff member has none.
    public bool SignedInWithSecondFactor => accessor.HttpContext?.User is { } principal
        && AuthenticationMethods.IncludesSecondFactor(principal.FindAll(TokenClaims.AuthMethods).Select(claim => claim.Value));

    public async Task<AppUser?> GetAsync()
    {
        if (!_loaded)
        {
            _loaded = true;
            var principal = accessor.HttpContext?.User;
            if (principal?.Identity?.IsAuthenticated == true)
            {
                _user = await requestServices.GetRequiredService<AppDbContext>().Users.FindAsync(principal.UserId());
                if (_user is { IsActive: false })
                {
                    _user = null;
                }
            }
        }

        return _user;
    }
}
