using System.Buffers.Binary;

namespace JamiCluster.Dht.Fragments;

/// <summary>A peer's IP and port as a small value (IPv4 is stored mapped into IPv6 space), usable as a dictionary key.</summary>
public readonly record struct PeerKey(ulong High, ulong Low, ushort Port)
{
    /// <summary>Builds a key from 4 or 16 address bytes and a port.</summary>
    public static PeerKey From(ReadOnlySpan<byte> ip, ushort port)
    {
        if (ip.Length == 4)
        {
            return new PeerKey(0, 0xFFFF_0000_0000UL | BinaryPrimitives.ReadUInt32BigEndian(ip), port);
        }

        return new PeerKey(BinaryPrimitives.ReadUInt64BigEndian(ip), BinaryPrimitives.ReadUInt64BigEndian(ip[8..]), port);
    }
}
