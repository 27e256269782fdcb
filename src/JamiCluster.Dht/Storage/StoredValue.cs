using JamiCluster.Dht.Values;

namespace JamiCluster.Dht.Storage;

/// <summary>A value held by a storer: its exact bytes, parsed view, lifetime and the putter it is charged to.</summary>
public sealed class StoredValue
{
    /// <summary>Creates an entry.</summary>
    public StoredValue(DhtValue value, DateTimeOffset created, DateTimeOffset expiration, string quotaOwner)
    {
        Value = value;
        Created = created;
        Expiration = expiration;
        QuotaOwner = quotaOwner;
    }

    /// <summary>The parsed value over its raw bytes.</summary>
    public DhtValue Value { get; }

    /// <summary>Creation time (or last refresh).</summary>
    public DateTimeOffset Created { get; internal set; }

    /// <summary>When the value expires unless refreshed.</summary>
    public DateTimeOffset Expiration { get; internal set; }

    /// <summary>Quota owner: the putter's IPv4 address or IPv6 /64 prefix.</summary>
    public string QuotaOwner { get; }

    /// <summary>Bytes charged to the owner (the raw encoding).</summary>
    public int ChargedBytes => Value.Raw.Length;
}
