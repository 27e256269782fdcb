namespace JamiCluster.Abstractions.Keyspace;

/// <summary>
/// Which keyspace grain owns a key: the first <c>prefixBits</c> bits of the key (docs/design/dht-core.md explains the
/// default of 8 bits, 256 buckets). Every silo of a cluster must use the same width.
/// </summary>
public static class BucketId
{
    /// <summary>Default prefix width in bits.</summary>
    public const int DefaultPrefixBits = 8;

    /// <summary>The bucket grain key for <paramref name="key"/>.</summary>
    public static long Of(InfoHash key, int prefixBits = DefaultPrefixBits) => key.Prefix(prefixBits);
}
