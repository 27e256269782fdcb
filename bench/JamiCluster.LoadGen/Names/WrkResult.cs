using System.Globalization;

namespace JamiCluster.LoadGen.Names;

/// <summary>One measured wrk run against one target, from the numbers our Lua <c>done()</c> prints.</summary>
public sealed record WrkResult
{
    public required string Target { get; init; }

    public required int Round { get; init; }

    public required long Requests { get; init; }

    public required double Seconds { get; init; }

    /// <summary>Answers with a status outside 2xx/3xx (wrk's "Non-2xx or 3xx responses"): the 404s for unknown names, and any failure.</summary>
    public required long Non2xx { get; init; }

    /// <summary>Connect, read and write errors and timeouts.</summary>
    public required long SocketErrors { get; init; }

    public required long P50Micros { get; init; }

    public required long P99Micros { get; init; }

    public required long MaxMicros { get; init; }

    public required long Bytes { get; init; }

    public required double WrkCores { get; init; }

    public double? TargetCores { get; init; }

    /// <summary>How busy each CPU of the machine was during the run (see <see cref="CpuUsage"/>).</summary>
    public string MachineCpus { get; init; } = "";

    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>Target CPU time per answered request: less sensitive than req/s to other load on a shared machine.</summary>
    public double? TargetMicrosPerRequest => TargetCores * Seconds * 1e6 / Math.Max(1, Requests);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"  {Target} round {Round}: {Requests} requests in {Seconds:0.00} s = {RequestsPerSecond:0} req/s; latency µs p50 {P50Micros} " +
        $"p99 {P99Micros} max {MaxMicros}; non-2xx {Non2xx} ({100.0 * Non2xx / Math.Max(1, Requests):0.0} %); socket errors {SocketErrors}; " +
        $"{Bytes / (double)Math.Max(1, Requests):0} B/answer; cpu: wrk {WrkCores:0.00}, target {Format(TargetCores, "0.00")} cores = {Format(TargetMicrosPerRequest, "0.0")} µs/request; " +
        $"machine {MachineCpus}");

    public static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";
}
