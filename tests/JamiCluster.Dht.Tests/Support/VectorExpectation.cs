using JamiCluster.Dht.Values;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Dht.Tests.Support;

/// <summary>A node of an <c>n4</c>/<c>n6</c> list as the samples document shows it.</summary>
internal sealed record NodeExpectation(string Id, string Address, ushort Port);

/// <summary>One value map inside a message, as decoded in the samples document.</summary>
internal sealed record ValueExpectation(ulong Id, ulong Type, string Data, string? UserType = null);

/// <summary>One chunk of a value part: index, offset, length and the first bytes shown in the samples document.</summary>
internal sealed record PartExpectation(int Index, int Offset, int Length, string Prefix);

/// <summary>
/// Everything opendht-wire-samples.md says about one captured datagram. Defaults mean "absent": the vector test checks every
/// field, so an entry that forgets a field fails rather than silently skipping it.
/// </summary>
internal sealed class VectorExpectation
{
    public DecodeStatus Status { get; init; } = DecodeStatus.Ok;

    public MessageKind Kind { get; init; }

    public QueryVerb Verb { get; init; }

    public uint Tid { get; init; }

    public uint NetworkId { get; init; }

    public bool IsClient { get; init; }

    /// <summary><c>v</c>; 2.4.12 omits it only in value parts.</summary>
    public string? UserAgent { get; init; } = "RNG1";

    public string? Sender { get; init; }

    public string? Key { get; init; }

    public string? Target { get; init; }

    public WantFamilies Want { get; init; }

    public int TokenLength { get; init; }

    public ValueExpectation[] Values { get; init; } = [];

    public int[] PendingSizes { get; init; } = [];

    public long? Created { get; init; }

    public ulong? Vid { get; init; }

    public uint? Sid { get; init; }

    public int? Version { get; init; }

    public string? Sa { get; init; }

    public NodeExpectation[] N4 { get; init; } = [];

    public NodeExpectation[] N6 { get; init; } = [];

    public int ErrorCode { get; init; }

    public string? ErrorText { get; init; }

    public PartExpectation[] Parts { get; init; } = [];

    public ulong[] Refreshed { get; init; } = [];

    public ulong[] Expired { get; init; } = [];

    public ValueField[] FieldIds { get; init; } = [];

    public ulong[] FieldValues { get; init; } = [];

    /// <summary>Query <c>a.q.s</c>; null when the message has no query.</summary>
    public ValueField[]? Select { get; init; }

    public (ValueField Field, ulong Number)[] Where { get; init; } = [];
}
