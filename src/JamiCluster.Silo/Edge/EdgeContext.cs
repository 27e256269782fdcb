using JamiCluster.Dht.Fragments;
using JamiCluster.Dht.Security;

namespace JamiCluster.Silo.Edge;

/// <summary>What every head of this silo shares: options, tokens, reassembly, limits, metrics and the grain factory.</summary>
public sealed class EdgeContext(
    IOptions<EdgeOptions> options,
    IOptions<JamiCluster.Grains.Keyspace.KeyspaceOptions> keyspace,
    IGrainFactory grains,
    TimeProvider time,
    EdgeMetrics metrics,
    HeadDirectory directory,
    ILogger<EdgeContext> logger) : IDisposable
{
    /// <summary>Edge options.</summary>
    public EdgeOptions Options { get; } = options.Value;

    /// <summary>Key prefix width that selects keyspace buckets.</summary>
    public int PrefixBits { get; } = keyspace.Value.PrefixBits;

    /// <summary>Grain factory (in-silo calls, no gateway hop).</summary>
    public IGrainFactory Grains { get; } = grains;

    /// <summary>Clock.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Write tokens, shared by all heads so a token from one head is good at another head of the silo.</summary>
    public WriteTokens Tokens { get; } = new(time);

    /// <summary>Reassembly of fragmented puts.</summary>
    public FragmentAssembler Assembler { get; } = new();

    /// <summary>Request limits.</summary>
    public EdgeRateLimiter Limiter { get; } = new(options.Value.PerIpRequestsPerSecond, options.Value.GlobalRequestsPerSecond);

    /// <summary>Instruments.</summary>
    public EdgeMetrics Metrics { get; } = metrics;

    /// <summary>Cluster head directory.</summary>
    public HeadDirectory Directory { get; } = directory;

    /// <summary>Logger.</summary>
    public ILogger Logger { get; } = logger;

    private IKeyspaceBucketGrain?[]? _buckets;

    /// <summary>This silo's edge observer reference, set once at start.</summary>
    public IEdgeObserver? Observer { get; set; }

    /// <summary>The keyspace grain that owns <paramref name="key"/> (references cached: one per bucket, made once).</summary>
    public IKeyspaceBucketGrain Bucket(InfoHash key)
    {
        var id = BucketId.Of(key, PrefixBits);
        var buckets = _buckets ??= new IKeyspaceBucketGrain?[1 << PrefixBits];
        return buckets[id] ??= Grains.GetGrain<IKeyspaceBucketGrain>(id);
    }

    /// <summary>Timeout of one grain call.</summary>
    public TimeSpan GrainTimeout => TimeSpan.FromSeconds(Options.GrainCallTimeoutSeconds);

    /// <inheritdoc />
    public void Dispose() => Limiter.Dispose();
}
