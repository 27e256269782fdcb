using System.Runtime.InteropServices;
using JamiCluster.Dht.Values;

namespace JamiCluster.Dht.Storage;

/// <summary>
/// A value held by a storer, kept compact because a silo holds millions: the exact bytes, the two fields every
/// query and sweep needs, and the lifetime. The full parsed view is rebuilt on demand (edits, owner filters).
/// </summary>
public sealed class StoredValue
{
    private readonly byte[] _raw;
    private long _created;
    private long _expiration;

    /// <summary>Creates an entry.</summary>
    public StoredValue(DhtValue value, DateTimeOffset created, DateTimeOffset expiration, string quotaOwner)
    {
        // Keep the caller's array when the value spans all of it (the usual case), else copy exactly the value.
        _raw = MemoryMarshal.TryGetArray(value.Raw, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : value.Raw.ToArray();
        Id = value.Id;
        Type = value.Type;
        _created = created.UtcTicks;
        _expiration = expiration.UtcTicks;
        QuotaOwner = quotaOwner;
    }

    /// <summary>Value id.</summary>
    public ulong Id { get; }

    /// <summary>Value type.</summary>
    public ulong Type { get; }

    /// <summary>The exact bytes as received (never mutated; safe to hand out).</summary>
    public byte[] Raw => _raw;

    /// <summary>The parsed value (rebuilt on each call).</summary>
    public DhtValue Value
    {
        get
        {
            DhtValue.TryParse(_raw, out var value);
            return value;
        }
    }

    /// <summary>Creation time (or last refresh).</summary>
    public DateTimeOffset Created
    {
        get => new(_created, TimeSpan.Zero);
        internal set => _created = value.UtcTicks;
    }

    /// <summary>When the value expires unless refreshed.</summary>
    public DateTimeOffset Expiration
    {
        get => new(_expiration, TimeSpan.Zero);
        internal set => _expiration = value.UtcTicks;
    }

    /// <summary>Quota owner: the putter's IPv4 address or IPv6 /64 prefix.</summary>
    public string QuotaOwner { get; }

    /// <summary>Bytes charged to the owner (the raw encoding).</summary>
    public int ChargedBytes => _raw.Length;

    /// <summary>True when <paramref name="other"/> carries the same content (a re-put of this value is a refresh).</summary>
    public bool SameContent(DhtValue other) => _raw.AsSpan().SequenceEqual(other.Raw.Span) || Value.SameContent(other);
}
