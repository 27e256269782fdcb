using JamiCluster.Abstractions.Keyspace;

namespace JamiCluster.Abstractions.Edge;

/// <summary>One listener to notify: its address, sid and the head it listens through.</summary>
/// <param name="Endpoint">Listener address.</param>
/// <param name="Sid">Listen socket id.</param>
/// <param name="HeadIndex">Head index on the silo.</param>
[GenerateSerializer, Immutable, Alias("jc.edge.ListenerTarget")]
public sealed record ListenerTarget([property: Id(0)] PeerEndpoint Endpoint, [property: Id(1)] uint Sid, [property: Id(2)] int HeadIndex);
