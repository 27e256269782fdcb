using System.Net;
using System.Net.Sockets;

namespace JamiCluster.Dht.Wire;

/// <summary>
/// The "martian" source test of 2.4.12 (opendht-wire.md §1.5): such sources are dropped and never listed in n4/n6.
/// </summary>
public static class Martians
{
    /// <summary>True when the address or port may not be used by a DHT node.</summary>
    public static bool IsMartian(IPAddress address, int port)
    {
        if (port == 0)
        {
            return true;
        }

        Span<byte> b = stackalloc byte[16];
        if (!address.TryWriteBytes(b, out var n))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return b[0] == 0 || (b[0] & 0xE0) == 0xE0;
        }

        if (n != 16)
        {
            return true;
        }

        // Multicast ff00::/8, link-local fe80::/10 (2.4.12 only), the unspecified address, v4-mapped ::ffff:0:0/96.
        if (b[0] == 0xFF || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80))
        {
            return true;
        }

        return address.Equals(IPAddress.IPv6Any) || address.IsIPv4MappedToIPv6;
    }
}
