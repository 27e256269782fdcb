namespace JamiCluster.Abstractions.Keyspace;

/// <summary>A put as it reaches the keyspace: the exact value bytes, the creation time and who pays the quota.</summary>
/// <param name="Key">Key <c>h</c>.</param>
/// <param name="Values">Raw value maps, exactly as received.</param>
/// <param name="Created">Creation time <c>c</c> in unix seconds, if given.</param>
/// <param name="QuotaOwner">Putter's IPv4 address or IPv6 /64 prefix, as text.</param>
[GenerateSerializer, Immutable, Alias("jc.keyspace.PutRequest")]
public sealed record PutRequest(
    [property: Id(0)] InfoHash Key,
    [property: Id(1)] byte[][] Values,
    [property: Id(2)] long? Created,
    [property: Id(3)] string QuotaOwner);
