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

        address = Unmapped(address);
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? Network(address, 32, ipv6PrefixLength) : address.ToString();
    }

    // The address cut to its network of the given prefix length per family: "203.0.113.0/24", "2001:db8:1:2::/64".
    // An IPv4 address mapped into IPv6 counts as IPv4.
    public static string Network(IPAddress address, int ipv4PrefixLength, int ipv6PrefixLength)
    {
        address = Unmapped(address);
        var prefixLength = address.AddressFamily == AddressFamily.InterNetworkV6 ? ipv6PrefixLength : ipv4PrefixLength;
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return $"{new IPAddress(bytes)}/{prefixLength}";
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
