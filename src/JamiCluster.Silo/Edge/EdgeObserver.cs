namespace JamiCluster.Silo.Edge;

/// <summary>This silo's <see cref="IEdgeObserver"/>: hands each keyspace change to the head its listeners use.</summary>
internal sealed class EdgeObserver(IReadOnlyList<UdpHead> heads) : IEdgeObserver
{
    public Task OnUpdateAsync(ListenerUpdate update)
    {
        foreach (var target in update.Targets)
        {
            if ((uint)target.HeadIndex < (uint)heads.Count)
            {
                heads[target.HeadIndex].Deliver(update, target);
            }
        }

        return Task.CompletedTask;
    }
}
