using JamiCluster.LoadGen.Load;
using JamiCluster.LoadGen.Memory;

namespace JamiCluster.LoadGen.Report;

/// <summary>One line of the comparison table; missing parts print as "n/a" or the failure.</summary>
public sealed class CompareRow(string target)
{
    public string Target { get; } = target;

    /// <summary>The median round, which is what the table shows.</summary>
    public ThroughputResult? Throughput { get; set; }

    /// <summary>req/s of every round, in run order, to show the spread behind the median.</summary>
    public List<double> RoundRates { get; } = [];

    public Dictionary<int, MemoryResult> Memory { get; } = [];

    public List<string> Failures { get; } = [];
}
