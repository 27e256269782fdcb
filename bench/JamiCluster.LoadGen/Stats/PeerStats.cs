using JamiCluster.LoadGen.Net;

namespace JamiCluster.LoadGen.Stats;

/// <summary>Per-request-type statistics of one peer (or, after <see cref="Add"/>, of a whole run).</summary>
public sealed class PeerStats
{
    private readonly KindStats[] _kinds = Enum.GetValues<RequestKind>().Select(_ => new KindStats()).ToArray();

    public KindStats this[RequestKind kind] => _kinds[(int)kind];

    public long Completed => _kinds.Sum(k => k.Latency.Count);

    public long Timeouts => _kinds.Sum(k => k.Timeouts);

    public long Errors => _kinds.Sum(k => k.Errors);

    public LatencyHistogram AllLatencies()
    {
        var all = new LatencyHistogram();
        foreach (var k in _kinds)
        {
            all.Add(k.Latency);
        }

        return all;
    }

    public void Add(PeerStats other)
    {
        for (var i = 0; i < _kinds.Length; i++)
        {
            _kinds[i].Add(other._kinds[i]);
        }
    }
}
