namespace JamiCluster.Silo.Edge;

/// <summary>This silo's <see cref="IEdgeObserver"/>: hands each keyspace change to the head its listeners use, or to a local listener.</summary>
internal sealed class EdgeObserver(IReadOnlyList<UdpHead> heads, LocalListeners local) : IEdgeObserver
{
    public Task OnUpdateAsync(ListenerUpdate update)
    {
        foreach (var target in update.Targets)
        {
            if ((uint)target.HeadIndex < (uint)heads.Count)
            {
                heads[target.HeadIndex].Deliver(update, target);
            }
            else if (target.HeadIndex == LocalListeners.HeadIndex)
            {
                local.Deliver(update, target);
            }
        }

        return Task.CompletedTask;
    }
}
