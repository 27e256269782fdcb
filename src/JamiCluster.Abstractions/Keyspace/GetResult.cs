namespace JamiCluster.Abstractions.Keyspace;

/// <summary>Values of a key matching a query's where part, as raw bytes; and whether the key has storage at all.</summary>
/// <param name="Values">Matching raw values.</param>
/// <param name="KeyExists">True when the storer holds anything for the key (values or listeners).</param>
[GenerateSerializer, Immutable, Alias("jc.keyspace.GetResult")]
public sealed record GetResult([property: Id(0)] byte[][] Values, [property: Id(1)] bool KeyExists)
{
    /// <summary>Nothing stored.</summary>
    public static readonly GetResult Empty = new([], false);
}
