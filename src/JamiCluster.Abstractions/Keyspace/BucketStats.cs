namespace JamiCluster.Abstractions.Keyspace;

/// <summary>Counters of one keyspace bucket.</summary>
/// <param name="Keys">Keys with storage.</param>
/// <param name="Values">Stored values.</param>
/// <param name="Bytes">Raw bytes held.</param>
/// <param name="Listeners">Listener records.</param>
[GenerateSerializer, Immutable, Alias("jc.keyspace.BucketStats")]
public sealed record BucketStats([property: Id(0)] int Keys, [property: Id(1)] int Values, [property: Id(2)] long Bytes, [property: Id(3)] int Listeners);
