using System.Net;
using System.Security.Cryptography;
using System.Text;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// Who presented a refresh token: a hash of its User-Agent and its address prefix (IPv4 /24, IPv6 /64). A token
// replayed within the grace window gets the successor only from the same client; from anyone else it is reuse.
public sealed record RefreshClient(string UserAgentHash, string AddressPrefix)
{
    public const int UserAgentHashLength = 32;
    public const int AddressPrefixMaxLength = 64;
    public const int IPv4PrefixLength = 24;
    public const int IPv6PrefixLength = 64;

    public static RefreshClient From(HttpContext http) =>
        new(HashUserAgent(http.Request.Headers.UserAgent.ToString()), PrefixOf(http.Connection.RemoteIpAddress));

    // The User-Agent is stored only as a hash: the row needs to recognise it, not to read it.
    public static string HashUserAgent(string userAgent) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userAgent)))[..UserAgentHashLength];

    // A mobile client may change its last address bits between two tabs' requests; its network stays the same.
    public static string PrefixOf(IPAddress? address) =>
        address is null ? "" : ClientAddress.Network(address, IPv4PrefixLength, IPv6PrefixLength);
}
