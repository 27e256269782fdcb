namespace JamiCluster.Abstractions.Keyspace;

/// <summary>
/// Which keyspace grain owns a key: the first <see cref="PrefixBits"/> bits of the key. 256 buckets spread load over
/// any realistic cluster (tens of silos) while each grain still batches many keys (docs/design/keyspace-layout.md).
/// </summary>
public static class BucketId
{
    /// <summary>Prefix width in bits.</summary>
    public const int PrefixBits = 8;

    /// <summary>Number of buckets.</summary>
    public const int Count = 1 << PrefixBits;

    /// <summary>The bucket grain key for <paramref name="key"/>.</summary>
    public static long Of(InfoHash key) => key.Prefix(PrefixBits);
}
