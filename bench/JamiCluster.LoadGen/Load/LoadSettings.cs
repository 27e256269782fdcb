using JamiCluster.LoadGen.Cli;

namespace JamiCluster.LoadGen.Load;

/// <summary>
/// Parameters of a throughput/latency run. Defaults are deliberately short (5 s warm-up + 10 s) because
/// the benchmark machine has 2 cores shared between the load generator and the target.
/// </summary>
public sealed record LoadSettings
{
    /// <summary>Per-source-IP pace used against rate-limited targets: well under 2.4.12's 1024 requests/s.</summary>
    public const double DefaultRatePerIp = 800;

    /// <summary>2.4.12's global limit is 8192 requests/s; stay below it whatever the number of source IPs.</summary>
    public const double GlobalRateCeiling = 7000;

    public int Peers { get; init; } = 8;

    public int OutstandingPerPeer { get; init; } = 4;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public OperationMix Mix { get; init; } = OperationMix.Parse("ping=1,find=1,get=1");

    public int Keys { get; init; } = 1000;

    public int ValueSize { get; init; } = 100;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>Requests/s allowed per source IP; null = the target is unlimited, send as fast as replies come.</summary>
    public double? RatePerSourceIp { get; init; } = DefaultRatePerIp;

    /// <summary>Give each peer its own loopback IP (127.0.0.2, .3, …) so per-IP limits and tokens apply per peer.</summary>
    public bool DistinctSourceIps { get; init; } = true;

    public static IReadOnlySet<string> BooleanFlags { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "unlimited", "rate-limited", "same-source-ip" };

    /// <summary>Reads the shared load options; <paramref name="unlimitedByDefault"/> is true for compare.</summary>
    public static LoadSettings FromArgs(ArgList args, bool unlimitedByDefault)
    {
        var unlimited = unlimitedByDefault ? !args.Flag("rate-limited") : args.Flag("unlimited");
        if (unlimitedByDefault)
        {
            args.Flag("unlimited"); // accepted for symmetry, it is the default there
        }
        else
        {
            args.Flag("rate-limited");
        }

        var rate = args.Double("rate-per-ip", DefaultRatePerIp, 1, 100_000);
        return new LoadSettings
        {
            Peers = args.Int("peers", 8, 1, 64),
            OutstandingPerPeer = args.Int("outstanding", 4, 1, 256),
            Warmup = TimeSpan.FromSeconds(args.Double("warmup", 5, 0, 600)),
            Duration = TimeSpan.FromSeconds(args.Double("duration", 10, 1, 3600)),
            Mix = OperationMix.Parse(args.String("mix") ?? "ping=1,find=1,get=1"),
            Keys = args.Int("keys", 1000, 1, 100_000),
            ValueSize = args.Int("value-size", 100, 0, 60_000),
            Timeout = TimeSpan.FromMilliseconds(args.Int("timeout-ms", 1000, 10, 30_000)),
            RatePerSourceIp = unlimited ? null : rate,
            DistinctSourceIps = !args.Flag("same-source-ip"),
        };
    }

    /// <summary>Pace for one peer, or null when unlimited; accounts for peers sharing an IP and the global cap.</summary>
    public double? RatePerPeer()
    {
        if (RatePerSourceIp is not { } perIp)
        {
            return null;
        }

        var perPeer = DistinctSourceIps ? perIp : perIp / Peers;
        return Math.Min(perPeer, GlobalRateCeiling / Peers);
    }

    public string Describe() =>
        $"peers={Peers} outstanding/peer={OutstandingPerPeer} warmup={Warmup.TotalSeconds:0.#}s " +
        $"duration={Duration.TotalSeconds:0.#}s mix={Mix} keys={Keys} value-size={ValueSize}B " +
        $"timeout={Timeout.TotalMilliseconds:0}ms " +
        (RatePerPeer() is { } r ? $"paced at {r:0} req/s per peer" : "unpaced (target unlimited)") +
        (DistinctSourceIps ? " source-ips=127.0.0.2.." : " source-ip=127.0.0.1");
}
