using System.Net;
using System.Net.Sockets;

namespace JamiCluster.Dht.Wire;

/// <summary>A node as listed in <c>n4</c>/<c>n6</c>: id, address and port.</summary>
public readonly record struct NodeAddress(InfoHash Id, IPAddress Address, ushort Port)
{
    /// <summary>True for IPv6 entries.</summary>
    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;
}
