using System.Globalization;
using System.Text;

namespace JamiCluster.LoadGen.Report;

/// <summary>Renders the comparison as a markdown table followed by ours/dhtnode ratio lines.</summary>
public static class MarkdownReport
{
    public static string Render(IReadOnlyList<CompareRow> rows, IReadOnlyList<int> valueSizes)
    {
        var sb = new StringBuilder();
        sb.Append("| target | req/s | p50 µs | p99 µs | timeouts |");
        foreach (var size in valueSizes)
        {
            sb.Append(CultureInfo.InvariantCulture, $" B/value ({size} B) |");
        }

        sb.AppendLine();
        sb.Append("|---|--:|--:|--:|--:|");
        foreach (var _ in valueSizes)
        {
            sb.Append("--:|");
        }

        sb.AppendLine();
        foreach (var row in rows)
        {
            var t = row.Throughput;
            sb.Append(CultureInfo.InvariantCulture, $"| {row.Target} | {Cell(t?.RequestsPerSecond, "0")} | {Cell(t?.Percentile(0.5))} | ");
            sb.Append(CultureInfo.InvariantCulture, $"{Cell(t?.Percentile(0.99))} | {Cell(t?.Stats.Timeouts)} |");
            foreach (var size in valueSizes)
            {
                sb.Append(' ').Append(row.Memory.TryGetValue(size, out var m) ? Cell(m.BytesPerValue, "0") : "n/a").Append(" |");
            }

            sb.AppendLine();
        }

        var dht = rows.FirstOrDefault(r => r.Target == "dhtnode");
        var ours = rows.FirstOrDefault(r => r.Target == "ours");
        if (dht is not null && ours is not null)
        {
            sb.AppendLine();
            sb.AppendLine(Ratio("req/s ours/dhtnode", ours.Throughput?.RequestsPerSecond, dht.Throughput?.RequestsPerSecond));
            sb.AppendLine(Ratio("p99 ours/dhtnode", ours.Throughput?.Percentile(0.99), dht.Throughput?.Percentile(0.99)));
            foreach (var size in valueSizes)
            {
                sb.AppendLine(Ratio($"bytes/value ({size} B) ours/dhtnode",
                    ours.Memory.GetValueOrDefault(size)?.BytesPerValue, dht.Memory.GetValueOrDefault(size)?.BytesPerValue));
            }
        }

        if (rows.Any(r => r.RoundRates.Count > 1))
        {
            sb.AppendLine();
            foreach (var row in rows.Where(r => r.RoundRates.Count > 0))
            {
                var rates = string.Join(", ", row.RoundRates.Select(r => r.ToString("0", CultureInfo.InvariantCulture)));
                sb.AppendLine(CultureInfo.InvariantCulture, $"- req/s per round, {row.Target}: {rates} (table shows the median)");
            }
        }

        var failures = rows.SelectMany(r => r.Failures.Select(f => $"{r.Target}: {f}")).ToList();
        if (failures.Count > 0)
        {
            sb.AppendLine();
            foreach (var failure in failures)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"- failed: {failure}");
            }
        }

        return sb.ToString();
    }

    private static string Cell(double? value, string format = "0") =>
        value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Ratio(string label, double? ours, double? dhtnode) =>
        ours is { } o && dhtnode is { } d && d != 0 && !double.IsNaN(o) && !double.IsNaN(d)
            ? $"- {label}: {(o / d).ToString("0.00", CultureInfo.InvariantCulture)}"
            : $"- {label}: n/a";
}
