using System.ComponentModel.DataAnnotations;

namespace JamiCluster.Grains.Keyspace;

/// <summary>Storage limits of the keyspace (<c>JamiCluster:Keyspace</c>).</summary>
public sealed class KeyspaceOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "JamiCluster:Keyspace";

    /// <summary>Key prefix bits that select the keyspace bucket grain (2^bits buckets). Same on every silo.</summary>
    [Range(0, 16)]
    public int PrefixBits { get; set; } = BucketId.DefaultPrefixBits;

    /// <summary>Most values under one key (OpenDHT: 65,536). Extra new values are silently not stored.</summary>
    [Range(1, 1_000_000)]
    public int MaxValuesPerKey { get; set; } = 1024;

    /// <summary>
    /// Bytes one putter IP (IPv4 address or IPv6 /64) may hold in one keyspace bucket; with 256 buckets the
    /// default allows about 64 MiB per IP across the cluster (OpenDHT's whole-node default).
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytesPerIpPerBucket { get; set; } = 256 * 1024;

    /// <summary>Extra value types: id → lifetime in seconds (for application types the operator wants kept longer or shorter).</summary>
    public Dictionary<string, int> TypeLifetimes { get; set; } = [];
}
