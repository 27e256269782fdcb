using JamiCluster.Dht.Storage;
using JamiCluster.Dht.Values;

namespace JamiCluster.Abstractions.Keyspace;

/// <summary>What happened to one value of a put. The wire acknowledges every value whatever the outcome.</summary>
/// <param name="ValueId">The value id (0 when the value did not parse).</param>
/// <param name="Change">Added, edited, refreshed or nothing.</param>
/// <param name="Verdict">Why it was refused, or Accept.</param>
[GenerateSerializer, Immutable, Alias("jc.keyspace.PutOutcome")]
public readonly record struct PutOutcome(
    [property: Id(0)] ulong ValueId,
    [property: Id(1)] StoreChange Change,
    [property: Id(2)] StoreVerdict Verdict);
