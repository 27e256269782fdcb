namespace JamiCluster.Abstractions.Edge;

/// <summary>
/// One per silo with UDP heads: keyspace grains call it to have that silo's heads send <c>update</c> requests to the
/// listeners registered through them. Fire-and-forget: a dead silo must not stall a put.
/// </summary>
[Alias("jc.edge.IEdgeObserver")]
public interface IEdgeObserver : IGrainObserver
{
    /// <summary>Delivers one change of one key to some of this silo's listeners.</summary>
    [Alias("update"), OneWay]
    Task OnUpdateAsync(ListenerUpdate update);
}
