using System.Globalization;

namespace JamiCluster.LoadGen.Names;

/// <summary>
/// Busy share of each CPU between two readings of /proc/stat (everything but idle and iowait, so softirq time spent on
/// loopback TCP counts too). A CPU at ~100 % during a run is a bottleneck; when it is wrk's, the run measured the client.
/// </summary>
public sealed class CpuUsage
{
    private readonly Dictionary<string, (long Busy, long Total)> _start = Read();

    public string Describe()
    {
        var end = Read();
        var parts = end.Where(e => e.Key != "cpu" && _start.ContainsKey(e.Key)).Select(e =>
        {
            var (busy, total) = (e.Value.Busy - _start[e.Key].Busy, e.Value.Total - _start[e.Key].Total);
            return string.Create(CultureInfo.InvariantCulture, $"{e.Key} {(total == 0 ? 0 : 100.0 * busy / total):0} %");
        });
        return "busy " + string.Join(", ", parts);
    }

    private static Dictionary<string, (long Busy, long Total)> Read()
    {
        var cpus = new Dictionary<string, (long Busy, long Total)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines("/proc/stat").Where(l => l.StartsWith("cpu", StringComparison.Ordinal)))
        {
            // cpuN user nice system idle iowait irq softirq steal …
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = ticks[3] + ticks[4];
            cpus[fields[0]] = (ticks.Sum() - idle, ticks.Sum());
        }

        return cpus;
    }
}
