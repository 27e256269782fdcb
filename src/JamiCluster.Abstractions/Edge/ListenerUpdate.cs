namespace JamiCluster.Abstractions.Edge;

/// <summary>
/// A change under one key for a set of listeners on one silo: new or edited values, refreshed ids, or expired ids
/// (each non-empty field becomes its own <c>update</c> request).
/// </summary>
/// <param name="Key">The key.</param>
/// <param name="Targets">Listeners to notify.</param>
/// <param name="Values">New or edited raw values.</param>
/// <param name="Refreshed">Refreshed value ids.</param>
/// <param name="Expired">Expired or removed value ids.</param>
[GenerateSerializer, Immutable, Alias("jc.edge.ListenerUpdate")]
public sealed record ListenerUpdate(
    [property: Id(0)] InfoHash Key,
    [property: Id(1)] ListenerTarget[] Targets,
    [property: Id(2)] byte[][] Values,
    [property: Id(3)] ulong[] Refreshed,
    [property: Id(4)] ulong[] Expired);
