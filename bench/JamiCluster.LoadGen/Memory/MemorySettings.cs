using JamiCluster.LoadGen.Cli;

namespace JamiCluster.LoadGen.Memory;

/// <summary>
/// Parameters of a memory-per-value measurement. Value size is the length of <c>data</c> inside the
/// value (the serialised value is ~30 B larger). One value per key by default, so the result includes
/// the per-key overhead of the storer; use <c>--values-per-key</c> to amortise it.
/// </summary>
public sealed record MemorySettings
{
    public int Values { get; init; } = 20_000;

    public IReadOnlyList<int> ValueSizes { get; init; } = [100, 1000];

    public int ValuesPerKey { get; init; } = 1;

    /// <summary>Values stored (and read back) before the baseline, so lazy allocations and JIT happen first.</summary>
    public int WarmupValues { get; init; } = 1000;

    /// <summary>Idle time before each RSS reading: lets the target finish queued work; nothing is forced.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(5);

    public int VerifySample { get; init; } = 200;

    public static MemorySettings FromArgs(ArgList args)
    {
        var sizes = args.String("value-sizes") ?? args.String("value-size") ?? "100,1000";
        return new MemorySettings
        {
            Values = args.Int("values", 20_000, 1, 1_000_000),
            ValueSizes = sizes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 60_000
                    ? v
                    : throw new UsageException($"--value-sizes: bad size '{s}' (0..60000)"))
                .ToArray(),
            ValuesPerKey = args.Int("values-per-key", 1, 1, 1000),
            WarmupValues = args.Int("warmup-values", 1000, 0, 100_000),
            Settle = TimeSpan.FromSeconds(args.Double("settle", 5, 0, 600)),
            VerifySample = args.Int("verify", 200, 0, 100_000),
        };
    }
}
