namespace JamiCluster.Abstractions.Edge;

/// <summary>
/// The cluster's directory of UDP heads (key 0). Each edge silo re-registers its heads every few seconds; entries
/// not refreshed within the time to live disappear, so a dead silo's heads stop being advertised.
/// </summary>
[Alias("jc.edge.IEdgeRegistryGrain")]
public interface IEdgeRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or refreshes) the heads of <paramref name="siloId"/>.</summary>
    [Alias("register")]
    Task RegisterAsync(string siloId, HeadInfo[] heads);

    /// <summary>Removes a silo's heads (graceful stop).</summary>
    [Alias("unregister")]
    Task UnregisterAsync(string siloId);

    /// <summary>Every live head in the cluster.</summary>
    [Alias("heads"), ReadOnly]
    Task<HeadInfo[]> GetHeadsAsync();
}
