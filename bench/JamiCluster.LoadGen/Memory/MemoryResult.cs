using JamiCluster.LoadGen.Load;

namespace JamiCluster.LoadGen.Memory;

/// <summary>RSS before and after storing N values of one size on a freshly started target.</summary>
public sealed record MemoryResult
{
    public required string Target { get; init; }

    public required int Pid { get; init; }

    public required int ValueSize { get; init; }

    public required int ValuesPerKey { get; init; }

    public required long BaselineRss { get; init; }

    public required long FinalRss { get; init; }

    public required long PeakRss { get; init; }

    public required StoreResult Store { get; init; }

    public required int Verified { get; init; }

    public required int VerifySample { get; init; }

    /// <summary>ΔRSS divided by the number of acknowledged puts.</summary>
    public double BytesPerValue => Store.Acked == 0 ? double.NaN : (double)(FinalRss - BaselineRss) / Store.Acked;

    public IEnumerable<string> Describe()
    {
        yield return $"target {Target} (pid {Pid}): {Store.Requested} values of {ValueSize} B data, {ValuesPerKey} per key";
        yield return $"  store: {Store}";
        yield return $"  VmRSS before {BaselineRss / 1024.0 / 1024:0.0} MiB, after {FinalRss / 1024.0 / 1024:0.0} MiB " +
                     $"(peak {PeakRss / 1024.0 / 1024:0.0} MiB) → {BytesPerValue:0} B per stored value";
        yield return $"  read back: {Verified}/{VerifySample} sampled values returned by get with identical data";
    }
}
