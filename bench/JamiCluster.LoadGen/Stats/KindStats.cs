namespace JamiCluster.LoadGen.Stats;

/// <summary>Results for one request type: latencies of successful replies, errors and timeouts.</summary>
public sealed class KindStats
{
    private long _timeouts;

    public LatencyHistogram Latency { get; } = new();

    /// <summary>Replies carrying <c>e</c> (for example 401 on a put with a bad token).</summary>
    public long Errors { get; set; }

    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Called from the timeout sweeper, a different thread than the receiver.</summary>
    public void AddTimeout() => Interlocked.Increment(ref _timeouts);

    public void Add(KindStats other)
    {
        Latency.Add(other.Latency);
        Errors += other.Errors;
        _timeouts += other.Timeouts;
    }
}
