using System.Globalization;
using System.Text;
using JamiCluster.LoadGen.Names;

namespace JamiCluster.LoadGen.Report;

/// <summary>The <c>names</c> table: the median round of each target, the rounds behind it, and the silo/bare ratio.</summary>
public static class NamesReport
{
    public const double Goal = 0.8;

    public static string Render(IReadOnlyList<WrkResult> silo, IReadOnlyList<WrkResult> bare)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| target | req/s | p50 µs | p99 µs | non-2xx | socket errors | target cores | target CPU µs/req | wrk cores |");
        sb.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var runs in new[] { silo, bare })
        {
            if (Median(runs) is { } m)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {m.Target} | {m.RequestsPerSecond:0} | {m.P50Micros} | {m.P99Micros} | {m.Non2xx} ({100.0 * m.Non2xx / Math.Max(1, m.Requests):0.0} %) | " +
                    $"{m.SocketErrors} | {WrkResult.Format(m.TargetCores, "0.00")} | {WrkResult.Format(m.TargetMicrosPerRequest, "0.0")} | {m.WrkCores:0.00} |");
            }
        }

        sb.AppendLine();
        foreach (var runs in new[] { silo, bare })
        {
            var rates = string.Join(", ", runs.Select(r => r.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture)));
            sb.AppendLine(CultureInfo.InvariantCulture, $"- req/s per round, {runs.FirstOrDefault()?.Target}: {rates} (table shows the median)");
        }

        var paired = silo.Zip(bare, (s, b) => (s.RequestsPerSecond / b.RequestsPerSecond).ToString("0.00", CultureInfo.InvariantCulture));
        sb.AppendLine(CultureInfo.InvariantCulture, $"- req/s silo/bare per round: {string.Join(", ", paired)}");
        var cpu = silo.Zip(bare, (s, b) => WrkResult.Format(b.TargetMicrosPerRequest / s.TargetMicrosPerRequest, "0.00"));
        sb.AppendLine(CultureInfo.InvariantCulture, $"- CPU per request bare/silo per round: {string.Join(", ", cpu)} (the req/s ratio a CPU-bound target would reach)");
        return sb.ToString();
    }

    /// <summary>The closing line, e.g. <c>names: silo 9000 req/s, bare Kestrel 10000 req/s, ratio 0.90 (goal ≥ 0.8: met)</c>.</summary>
    public static string ClosingLine(IReadOnlyList<WrkResult> silo, IReadOnlyList<WrkResult> bare)
    {
        if (Median(silo) is not { } s || Median(bare) is not { } b)
        {
            return "names: no complete measurement";
        }

        var ratio = s.RequestsPerSecond / b.RequestsPerSecond;
        return string.Create(CultureInfo.InvariantCulture,
            $"names: silo {s.RequestsPerSecond:0} req/s, bare Kestrel {b.RequestsPerSecond:0} req/s, ratio {ratio:0.00} " +
            $"(goal ≥ {Goal:0.0}: {(ratio >= Goal ? "met" : "not met")})");
    }

    private static WrkResult? Median(IReadOnlyList<WrkResult> runs) =>
        runs.Count == 0 ? null : runs.OrderBy(r => r.RequestsPerSecond).ElementAt(runs.Count / 2);
}
