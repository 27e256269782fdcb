namespace JamiCluster.LoadGen.Wire;

/// <summary>
/// The fields of an incoming datagram that the benchmark looks at. Anything else is skipped by
/// <see cref="MessageParser"/>, which is also what 2.4.12 does with unknown keys.
/// </summary>
public sealed class Message
{
    public MessageKind Kind { get; set; }

    public bool HasTid { get; set; }

    public uint Tid { get; set; }

    /// <summary><c>r.id</c>: a reply without the responder's id is useless to a real node (spec §2.4).</summary>
    public byte[]? NodeId { get; set; }

    public byte[]? Token { get; set; }

    public ulong? Vid { get; set; }

    /// <summary><c>sa</c>: our address as the responder saw it.</summary>
    public byte[]? SeenAddress { get; set; }

    public int N4Count { get; set; }

    public int N6Count { get; set; }

    public bool HasValuesKey { get; set; }

    public List<ReceivedValue> Values { get; } = [];

    /// <summary>Sizes announced instead of inline values; the data follows in value parts.</summary>
    public List<int> AnnouncedSizes { get; } = [];

    public List<ValuePartChunk> Parts { get; } = [];

    public int ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public string? QueryName { get; set; }
}
