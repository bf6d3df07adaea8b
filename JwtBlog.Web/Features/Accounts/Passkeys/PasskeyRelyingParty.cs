using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

// Who this site is to an authenticator: the relying-party id Identity's passkey handler signs against, and the
// origins whose clientData it accepts. Written into IdentityPasskeyOptions.
public sealed class PasskeyRelyingParty(IOptions<PasskeySettings> settings, IOptions<SiteSettings> site) : IConfigureOptions<IdentityPasskeyOptions>
{
    private readonly PasskeySettings _settings = settings.Value;
    private readonly string _publicBaseUrl = site.Value.PublicBaseUrl;

    // Null lets the handler take the request's host (the default outside Production; start-up refuses it in Production).
    public string? ServerDomain =>
        _settings.ServerDomain.Length > 0 ? _settings.ServerDomain
        : Uri.TryCreate(_publicBaseUrl, UriKind.Absolute, out var baseUrl) ? baseUrl.Host
        : null;

    public void Configure(IdentityPasskeyOptions options)
    {
        options.ServerDomain = ServerDomain;
        // Sign-in with no email typed needs a credential the authenticator can find by itself; user verification (PIN,
        // biometric, screen lock) on top of possession is what lets a passkey alone count as a second factor.
        options.ResidentKeyRequirement = "required";
        options.UserVerificationRequirement = "required";
        options.ValidateOrigin = context => ValueTask.FromResult(IsAllowedOrigin(context.HttpContext.Request, context.Origin, context.CrossOrigin));
    }

    // A page embedded cross-origin never counts: WebAuthn in an iframe of another site is a phishing shape.
    public bool IsAllowedOrigin(HttpRequest request, string? origin, bool crossOrigin)
    {
        if (crossOrigin || string.IsNullOrEmpty(origin) || OriginOf(origin) is not { } claimed)
        {
            return false;
        }

        if (_settings.AllowedOrigins.Count > 0)
        {
            return _settings.AllowedOrigins.Any(allowed => string.Equals(OriginOf(allowed), claimed, StringComparison.OrdinalIgnoreCase));
        }

        var own = OriginOf(_publicBaseUrl.Length > 0 ? _publicBaseUrl : $"{request.Scheme}://{request.Host.ToUriComponent()}");
        return string.Equals(own, claimed, StringComparison.OrdinalIgnoreCase);
    }

    // "scheme://host[:port]" with the default port left out, as browsers write clientData.origin.
    internal static string? OriginOf(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    internal static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
        && !value.EndsWith('/');
}
