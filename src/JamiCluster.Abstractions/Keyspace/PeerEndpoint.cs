namespace JamiCluster.Abstractions.Keyspace;

/// <summary>A client's UDP address as the edge saw it: 4 or 16 address bytes and the port. Equal by content.</summary>
/// <param name="Address">IPv4 (4 bytes) or IPv6 (16 bytes) address.</param>
/// <param name="Port">UDP port.</param>
[GenerateSerializer, Immutable, Alias("jc.keyspace.PeerEndpoint")]
public sealed record PeerEndpoint([property: Id(0)] byte[] Address, [property: Id(1)] ushort Port)
{
    /// <inheritdoc />
    public bool Equals(PeerEndpoint? other) => other is not null && Port == other.Port && Address.AsSpan().SequenceEqual(other.Address);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Address);
        hash.Add(Port);
        return hash.ToHashCode();
    }
}
