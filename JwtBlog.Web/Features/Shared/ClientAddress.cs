using System.Net;
using System.Net.Sockets;

namespace JwtBlog.Web.Features.Shared;

public static class ClientAddress
{
    // The rate limiter's name for a client: an IPv4 address as is (also when mapped into IPv6), an IPv6 address
    // reduced to its network of the given prefix length ("2001:db8:1:2::/64").
    public static string PartitionKey(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        for (var bit = ipv6PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return $"{new IPAddress(bytes)}/{ipv6PrefixLength}";
    }
}
