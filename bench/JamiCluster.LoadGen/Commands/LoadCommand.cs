using JamiCluster.LoadGen.Cli;
using JamiCluster.LoadGen.Load;
using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Commands;

/// <summary><c>load</c>: one throughput/latency run against one target.</summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> argv)
    {
        var args = new ArgList(argv, CommandFlags.Of(LoadSettings.BooleanFlags, TargetOptions.BooleanFlags));
        var settings = LoadSettings.FromArgs(args, unlimitedByDefault: false);
        var targets = TargetOptions.FromArgs(args, alwaysDhtnode: false, unlimited: settings.RatePerSourceIp is null);
        CommandFlags.ApplyLogDir(args);
        args.EnsureAllConsumed();
        var factory = targets.Factories.Count == 1
            ? targets.Factories[0]
            : throw new UsageException("load needs exactly one target: --target HOST:PORT [--pid PID], --dhtnode, --ours CMD or --do-nothing-responder");

        await using var target = await factory.Start();
        Console.WriteLine($"load against {target.Name} at {target.EndPoint}" + (target.MeasuredPid is { } pid ? $" (pid {pid})" : string.Empty));
        var result = await ThroughputRunner.RunAsync(target.Name, target.EndPoint, target.MeasuredPid, settings, Console.Out);
        foreach (var line in result.Describe())
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"  host load average {HostLoad.LoadAverage()}; {Environment.ProcessorCount} core(s) usable by the load generator");

        return 0;
    }
}
