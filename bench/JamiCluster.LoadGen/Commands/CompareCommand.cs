using JamiCluster.LoadGen.Cli;
using JamiCluster.LoadGen.Load;
using JamiCluster.LoadGen.Memory;
using JamiCluster.LoadGen.Report;
using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Commands;

/// <summary>
/// <c>compare</c>: dhtnode (always), our silo (<c>--ours</c>) and optionally the do-nothing responder, under
/// identical parameters. Every measurement gets a freshly started process, stopped by PID afterwards.
/// Throughput runs alternate between targets round by round (<c>--rounds</c>) so slow drift of the
/// machine affects all targets alike; the median round per target is reported.
/// </summary>
public static class CompareCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> argv)
    {
        var args = new ArgList(argv, CommandFlags.Of(LoadSettings.BooleanFlags, TargetOptions.BooleanFlags,
            new HashSet<string>(StringComparer.Ordinal) { "skip-memory", "skip-load" }));
        var load = LoadSettings.FromArgs(args, unlimitedByDefault: true);
        var memory = MemorySettings.FromArgs(args);
        var targets = TargetOptions.FromArgs(args, alwaysDhtnode: true, unlimited: load.RatePerSourceIp is null);
        var rounds = args.Int("rounds", 1, 1, 20);
        var skipMemory = args.Flag("skip-memory");
        var skipLoad = args.Flag("skip-load");
        CommandFlags.ApplyLogDir(args);
        args.EnsureAllConsumed();

        Console.WriteLine($"compare: {string.Join(", ", targets.Factories.Select(f => f.Name))}; {load.Describe()}");
        var loadAtStart = HostLoad.LoadAverage();
        var rows = targets.Factories.Select(f => new CompareRow(f.Name)).ToList();
        if (!skipLoad)
        {
            await RunThroughputAsync(targets.Factories, rows, load, rounds);
        }

        if (!skipMemory)
        {
            await RunMemoryAsync(targets.Factories, rows, load, memory);
        }

        Console.WriteLine();
        Console.WriteLine(MarkdownReport.Render(rows, skipMemory ? [] : memory.ValueSizes));
        Console.WriteLine($"host load average {loadAtStart} at start, {HostLoad.LoadAverage()} at end; " +
            $"{Environment.ProcessorCount} core(s) usable by the load generator");
        return rows.Any(r => r.Failures.Count > 0) ? 1 : 0;
    }

    private static async Task RunThroughputAsync(IReadOnlyList<TargetFactory> factories, List<CompareRow> rows,
        LoadSettings load, int rounds)
    {
        var results = rows.ToDictionary(r => r.Target, _ => new List<ThroughputResult>());
        for (var round = 1; round <= rounds; round++)
        {
            for (var i = 0; i < factories.Count; i++)
            {
                var factory = factories[i];
                Console.WriteLine($"\n== throughput {factory.Name} (round {round}/{rounds})");
                try
                {
                    await using var target = await factory.Start();
                    var result = await ThroughputRunner.RunAsync(target.Name, target.EndPoint, target.MeasuredPid, load, Console.Out);
                    Print(result.Describe());
                    results[factory.Name].Add(result);
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
                {
                    Console.WriteLine($"  failed: {e.Message}");
                    rows[i].Failures.Add($"throughput round {round}: {e.Message}");
                }
            }
        }

        foreach (var row in rows)
        {
            row.RoundRates.AddRange(results[row.Target].Select(r => r.RequestsPerSecond));
            var runs = results[row.Target].OrderBy(r => r.RequestsPerSecond).ToList();
            row.Throughput = runs.Count == 0 ? null : runs[runs.Count / 2];
        }
    }

    private static async Task RunMemoryAsync(IReadOnlyList<TargetFactory> factories, List<CompareRow> rows,
        LoadSettings load, MemorySettings memory)
    {
        for (var i = 0; i < factories.Count; i++)
        {
            var factory = factories[i];
            if (!factory.HasPid)
            {
                continue; // in-process responder: its RSS would be the load generator's
            }

            foreach (var size in memory.ValueSizes)
            {
                Console.WriteLine($"\n== memory {factory.Name}, {memory.Values} values of {size} B");
                try
                {
                    await using var target = await factory.Start();
                    var result = await MemoryRunner.RunAsync(target, size, memory, load, Console.Out);
                    Print(result.Describe());
                    rows[i].Memory[size] = result;
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
                {
                    Console.WriteLine($"  failed: {e.Message}");
                    rows[i].Failures.Add($"memory {size} B: {e.Message}");
                }
            }
        }
    }

    private static void Print(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
    }
}
