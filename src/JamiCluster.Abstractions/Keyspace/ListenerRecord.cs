using JamiCluster.Abstractions.Edge;
using JamiCluster.Dht.Values;

namespace JamiCluster.Abstractions.Keyspace;

/// <summary>
/// A listener as the keyspace keeps it: who (node id, endpoint, sid), through which head, and the edge observer of
/// the silo that owns that head, which sends the <c>update</c>s. Refreshed by the client every 20 s.
/// </summary>
/// <param name="NodeId">Listener node id.</param>
/// <param name="Endpoint">Listener address.</param>
/// <param name="Sid">Listen socket id chosen by the listener.</param>
/// <param name="HeadIndex">Index of the head (on its silo) the listen arrived at.</param>
/// <param name="Edge">The owning silo's edge observer.</param>
/// <param name="Query">Query whose where part filters notifications.</param>
[GenerateSerializer, Immutable, Alias("jc.keyspace.ListenerRecord")]
public sealed record ListenerRecord(
    [property: Id(0)] InfoHash NodeId,
    [property: Id(1)] PeerEndpoint Endpoint,
    [property: Id(2)] uint Sid,
    [property: Id(3)] int HeadIndex,
    [property: Id(4)] IEdgeObserver Edge,
    [property: Id(5)] ValueQuery? Query);
