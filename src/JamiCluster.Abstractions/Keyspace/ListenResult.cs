namespace JamiCluster.Abstractions.Keyspace;

/// <summary>Result of a listen: whether the (node, sid) pair is new, and the values to push to it at once.</summary>
/// <param name="IsNew">True for a new registration (false for a refresh).</param>
/// <param name="Values">Current matching values (only for a new registration).</param>
[GenerateSerializer, Immutable, Alias("jc.keyspace.ListenResult")]
public sealed record ListenResult([property: Id(0)] bool IsNew, [property: Id(1)] byte[][] Values);
