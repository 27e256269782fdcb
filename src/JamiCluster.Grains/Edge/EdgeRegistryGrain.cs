namespace JamiCluster.Grains.Edge;

/// <summary>
/// The head directory. In memory on purpose: every edge re-registers every few seconds, so after a failover the
/// directory is whole again within one registration period.
/// </summary>
public sealed class EdgeRegistryGrain(TimeProvider time) : Grain, IEdgeRegistryGrain
{
    /// <summary>Entries not refreshed for this long are dropped (their silo is gone).</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, (HeadInfo[] Heads, DateTimeOffset Seen)> _silos = [];
    private HeadInfo[]? _cache;

    /// <inheritdoc />
    public Task RegisterAsync(string siloId, HeadInfo[] heads)
    {
        _silos[siloId] = (heads, time.GetUtcNow());
        _cache = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnregisterAsync(string siloId)
    {
        if (_silos.Remove(siloId))
        {
            _cache = null;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<HeadInfo[]> GetHeadsAsync()
    {
        var now = time.GetUtcNow();
        List<string>? stale = null;
        foreach (var (silo, entry) in _silos)
        {
            if (now - entry.Seen > TimeToLive)
            {
                (stale ??= []).Add(silo);
            }
        }

        if (stale is not null)
        {
            foreach (var silo in stale)
            {
                _silos.Remove(silo);
            }

            _cache = null;
        }

        if (_cache is null)
        {
            var all = new List<HeadInfo>();
            foreach (var entry in _silos.Values)
            {
                all.AddRange(entry.Heads);
            }

            _cache = [.. all];
        }

        return Task.FromResult(_cache);
    }
}
