using JamiCluster.LoadGen.Net;
using JamiCluster.LoadGen.Stats;

namespace JamiCluster.LoadGen.Load;

/// <summary>Everything measured in one throughput/latency run.</summary>
public sealed record ThroughputResult
{
    public required string Target { get; init; }

    public required LoadSettings Settings { get; init; }

    public required StoreResult Prepopulation { get; init; }

    public required PeerStats Stats { get; init; }

    public required double MeasuredSeconds { get; init; }

    public long GetHits { get; init; }

    public long GetMisses { get; init; }

    public long UnsolicitedQueries { get; init; }

    public long MalformedDatagrams { get; init; }

    public long LateReplies { get; init; }

    public long RepliesWithoutId { get; init; }

    public long ForeignSourceDatagrams { get; init; }

    /// <summary>CPU use of this process during the window, in cores (1.0 = one core busy).</summary>
    public double LoadGenCores { get; init; }

    /// <summary>CPU use of the target process, when its PID is known.</summary>
    public double? TargetCores { get; init; }

    public double RequestsPerSecond => Stats.Completed / MeasuredSeconds;

    public long Percentile(double q) => Stats.AllLatencies().Percentile(q);

    public IEnumerable<string> Describe()
    {
        var all = Stats.AllLatencies();
        yield return $"target {Target}: {Settings.Describe()}";
        yield return $"  prepopulation: {Prepopulation}";
        yield return $"  measured {MeasuredSeconds:0.0} s: {Stats.Completed} replies = {RequestsPerSecond:0} req/s, " +
                     $"timeouts {Stats.Timeouts}, error replies {Stats.Errors}";
        yield return $"  latency µs: p50 {all.Percentile(0.50)}  p90 {all.Percentile(0.90)}  p99 {all.Percentile(0.99)}  max {all.MaxMicros}";
        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            var k = Stats[kind];
            if (k.Latency.Count + k.Timeouts + k.Errors == 0)
            {
                continue;
            }

            yield return $"    {kind.ToString().ToLowerInvariant(),-4}: n={k.Latency.Count} p50={k.Latency.Percentile(0.5)} " +
                         $"p99={k.Latency.Percentile(0.99)} timeouts={k.Timeouts} errors={k.Errors}";
        }

        if (GetHits + GetMisses > 0)
        {
            yield return $"  gets returning the stored value: {GetHits}/{GetHits + GetMisses}";
        }

        yield return $"  cpu: load generator {LoadGenCores:0.00} cores" +
                     (TargetCores is { } t ? $", target {t:0.00} cores" : string.Empty);
        yield return $"  target→us queries ignored {UnsolicitedQueries}, undecodable {MalformedDatagrams}, " +
                     $"late/unknown-tid {LateReplies}, replies without r.id {RepliesWithoutId}, " +
                     $"from another source address {ForeignSourceDatagrams}";
    }
}
