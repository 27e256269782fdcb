namespace JamiCluster.Abstractions.Keyspace;

/// <summary>A client's UDP address as the edge saw it: 4 or 16 address bytes and the port.</summary>
/// <param name="Address">IPv4 (4 bytes) or IPv6 (16 bytes) address.</param>
/// <param name="Port">UDP port.</param>
[GenerateSerializer, Immutable, Alias("jc.keyspace.PeerEndpoint")]
public sealed record PeerEndpoint([property: Id(0)] byte[] Address, [property: Id(1)] ushort Port)
{
    /// <summary>True when both name the same address and port.</summary>
    public bool SameAs(PeerEndpoint other) => Port == other.Port && Address.AsSpan().SequenceEqual(other.Address);
}
