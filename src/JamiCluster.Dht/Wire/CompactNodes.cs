using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace JamiCluster.Dht.Wire;

/// <summary>Compact node info (opendht-wire.md §3.9): 26-byte IPv4 and 38-byte IPv6 entries, ports big-endian.</summary>
public static class CompactNodes
{
    /// <summary>Bytes per IPv4 entry.</summary>
    public const int Entry4 = 26;

    /// <summary>Bytes per IPv6 entry.</summary>
    public const int Entry6 = 38;

    /// <summary>Writes one entry; returns the bytes written (26 or 38), or 0 when the destination is too small.</summary>
    public static int Write(Span<byte> destination, InfoHash id, IPAddress address, ushort port)
    {
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var size = v6 ? Entry6 : Entry4;
        if (destination.Length < size)
        {
            return 0;
        }

        id.WriteTo(destination);
        if (!address.TryWriteBytes(destination[InfoHash.Size..], out var written) || written != size - InfoHash.Size - 2)
        {
            return 0;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[(size - 2)..], port);
        return size;
    }

    /// <summary>Decodes a list; false when its length is not a multiple of the entry size (2.4.12 discards such a reply).</summary>
    public static bool TryRead(ReadOnlySpan<byte> blob, bool v6, List<NodeAddress> into)
    {
        var size = v6 ? Entry6 : Entry4;
        if (blob.Length % size != 0)
        {
            return false;
        }

        for (var i = 0; i < blob.Length; i += size)
        {
            var entry = blob.Slice(i, size);
            var id = InfoHash.FromBytes(entry[..InfoHash.Size]);
            var ip = new IPAddress(entry.Slice(InfoHash.Size, size - InfoHash.Size - 2));
            into.Add(new NodeAddress(id, ip, BinaryPrimitives.ReadUInt16BigEndian(entry[(size - 2)..])));
        }

        return true;
    }
}
