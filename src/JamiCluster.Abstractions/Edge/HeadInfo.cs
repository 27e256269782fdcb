namespace JamiCluster.Abstractions.Edge;

/// <summary>A UDP head as the cluster directory lists it.</summary>
/// <param name="NodeId">The head's DHT node id.</param>
/// <param name="SiloId">The silo that runs it.</param>
/// <param name="Port">UDP port.</param>
/// <param name="Addresses">Advertised addresses (4 or 16 bytes each).</param>
[GenerateSerializer, Immutable, Alias("jc.edge.HeadInfo")]
public sealed record HeadInfo(
    [property: Id(0)] InfoHash NodeId,
    [property: Id(1)] string SiloId,
    [property: Id(2)] ushort Port,
    [property: Id(3)] byte[][] Addresses);
