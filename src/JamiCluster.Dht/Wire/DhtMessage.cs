using JamiCluster.Dht.Values;

namespace JamiCluster.Dht.Wire;

/// <summary>
/// A decoded datagram. Blob fields are slices of the input buffer: copy what must outlive it.
/// Instances are reusable: <see cref="Reset"/> clears every field and keeps the list capacity.
/// </summary>
public sealed class DhtMessage
{
    /// <summary>Classification.</summary>
    public MessageKind Kind { get; set; }

    /// <summary>Request name (queries only).</summary>
    public QueryVerb Verb { get; set; }

    /// <summary>Transaction id <c>t</c>.</summary>
    public uint Tid { get; set; }

    /// <summary>Network id <c>n</c>; absent means 0.</summary>
    public uint NetworkId { get; set; }

    /// <summary>Top-level <c>s</c>: the sender is a client node, never to be routed to.</summary>
    public bool IsClient { get; set; }

    /// <summary>Sender node id.</summary>
    public InfoHash Id { get; set; }

    /// <summary><c>target</c> of a find.</summary>
    public InfoHash? Target { get; set; }

    /// <summary>Key <c>h</c>.</summary>
    public InfoHash? Hash { get; set; }

    /// <summary>Wanted families <c>w</c>.</summary>
    public WantFamilies Want { get; set; }

    /// <summary>Write token.</summary>
    public ReadOnlyMemory<byte> Token { get; set; }

    /// <summary>True when the message had a <c>values</c> key.</summary>
    public bool HasValues { get; set; }

    /// <summary>Entries of <c>values</c>.</summary>
    public List<ValueSlot> Values { get; } = [];

    /// <summary>Query <c>a.q</c> of get and listen.</summary>
    public ValueQuery? Query { get; set; }

    /// <summary>Creation time <c>c</c> (unix seconds).</summary>
    public long? Created { get; set; }

    /// <summary>Value id <c>vid</c>.</summary>
    public ulong? Vid { get; set; }

    /// <summary>Listen socket id <c>sid</c>.</summary>
    public uint? Sid { get; set; }

    /// <summary>Notification protocol version <c>ve</c>.</summary>
    public int? Version { get; set; }

    /// <summary>Compact IPv4 nodes.</summary>
    public ReadOnlyMemory<byte> N4 { get; set; }

    /// <summary>Compact IPv6 nodes.</summary>
    public ReadOnlyMemory<byte> N6 { get; set; }

    /// <summary>Requester address as seen by the responder (4 or 16 bytes).</summary>
    public ReadOnlyMemory<byte> Sa { get; set; }

    /// <summary>Field ids of a <c>fileds</c> reply.</summary>
    public List<ValueField> FieldIds { get; } = [];

    /// <summary>Flat <c>fileds.v</c> entries, each the raw msgpack of one field value.</summary>
    public List<ReadOnlyMemory<byte>> FieldValues { get; } = [];

    /// <summary>True when the message had a <c>fileds</c> key.</summary>
    public bool HasFields { get; set; }

    /// <summary>Refreshed value ids <c>re</c>.</summary>
    public List<ulong> Refreshed { get; } = [];

    /// <summary>Expired value ids <c>exp</c>.</summary>
    public List<ulong> Expired { get; } = [];

    /// <summary>Error code of <c>e</c>.</summary>
    public int ErrorCode { get; set; }

    /// <summary>Error text of <c>e</c>, as raw UTF-8.</summary>
    public ReadOnlyMemory<byte> ErrorMessage { get; set; }

    /// <summary>Chunks carried by a value part.</summary>
    public List<ValuePart> Parts { get; } = [];

    /// <summary>User agent <c>v</c>, raw UTF-8.</summary>
    public ReadOnlyMemory<byte> UserAgent { get; set; }

    /// <summary>True when at least one value is announced by size and must be reassembled from parts.</summary>
    public bool HasPendingValues
    {
        get
        {
            foreach (var slot in Values)
            {
                if (slot.IsPending)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Clears every field for reuse.</summary>
    public void Reset()
    {
        Kind = MessageKind.None;
        Verb = QueryVerb.None;
        Tid = 0;
        NetworkId = 0;
        IsClient = false;
        Id = default;
        Target = null;
        Hash = null;
        Want = WantFamilies.Unspecified;
        Token = default;
        HasValues = false;
        Values.Clear();
        Query = null;
        Created = null;
        Vid = null;
        Sid = null;
        Version = null;
        N4 = default;
        N6 = default;
        Sa = default;
        FieldIds.Clear();
        FieldValues.Clear();
        HasFields = false;
        Refreshed.Clear();
        Expired.Clear();
        ErrorCode = 0;
        ErrorMessage = default;
        Parts.Clear();
        UserAgent = default;
    }
}
