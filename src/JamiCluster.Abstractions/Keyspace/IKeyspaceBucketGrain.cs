using JamiCluster.Dht.Values;

namespace JamiCluster.Abstractions.Keyspace;

/// <summary>
/// Owns the values and listeners of every key whose prefix is this grain's key (<see cref="BucketId"/>).
/// One call per DHT request; changes are pushed to listeners through their silos' edge observers.
/// </summary>
[Alias("jc.keyspace.IKeyspaceBucketGrain")]
public interface IKeyspaceBucketGrain : IGrainWithIntegerKey
{
    /// <summary>Values under <paramref name="key"/> that match the query's where part.</summary>
    [Alias("get"), ReadOnly]
    Task<GetResult> GetAsync(InfoHash key, ValueQuery? query);

    /// <summary>Stores the values of a put; one outcome per value, in order.</summary>
    [Alias("put")]
    Task<PutOutcome[]> PutAsync(PutRequest request);

    /// <summary>Restarts a value's lifetime.</summary>
    [Alias("refresh")]
    Task<RefreshOutcome> RefreshAsync(InfoHash key, ulong valueId);

    /// <summary>Registers or refreshes a listener.</summary>
    [Alias("listen")]
    Task<ListenResult> ListenAsync(InfoHash key, ListenerRecord listener);

    /// <summary>Counters for operations.</summary>
    [Alias("stats"), ReadOnly]
    Task<BucketStats> GetStatsAsync();
}
