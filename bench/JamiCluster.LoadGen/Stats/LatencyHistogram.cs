using System.Numerics;

namespace JamiCluster.LoadGen.Stats;

/// <summary>
/// Log-linear histogram of microsecond latencies: exact below 256 µs, then 128 sub-buckets per power
/// of two (&lt; 0.8 % error). Fixed size, so recording never allocates and per-peer instances can be
/// merged at the end of a run. Not thread-safe: each peer's receive thread owns its instances.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 256;
    private const int SubBuckets = 128;
    private const int MaxShift = 30;
    private readonly long[] _counts = new long[Linear + (MaxShift * SubBuckets)];

    public long Count { get; private set; }

    public long MaxMicros { get; private set; }

    public void Record(long micros)
    {
        micros = Math.Max(0, micros);
        _counts[IndexOf(micros)]++;
        Count++;
        MaxMicros = Math.Max(MaxMicros, micros);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
    }

    /// <summary>Value at quantile q (0..1), reported as the bucket's upper bound (conservative).</summary>
    public long Percentile(double q)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(q * Count);
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), MaxMicros);
            }
        }

        return MaxMicros;
    }

    private static int IndexOf(long v)
    {
        if (v < Linear)
        {
            return (int)v;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)v);
        var shift = Math.Min(msb - 7, MaxShift);
        var top = (int)Math.Min(v >> shift, (2 * SubBuckets) - 1);
        return Linear + ((shift - 1) * SubBuckets) + (top - SubBuckets);
    }

    private static long UpperBound(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var k = index - Linear;
        var shift = (k / SubBuckets) + 1;
        var top = SubBuckets + (k % SubBuckets);
        return ((long)(top + 1) << shift) - 1;
    }
}
