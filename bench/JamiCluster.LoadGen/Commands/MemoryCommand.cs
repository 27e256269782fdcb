using JamiCluster.LoadGen.Cli;
using JamiCluster.LoadGen.Load;
using JamiCluster.LoadGen.Memory;

namespace JamiCluster.LoadGen.Commands;

/// <summary><c>memory</c>: bytes per stored value for each requested size, a fresh target per size.</summary>
public static class MemoryCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> argv)
    {
        var args = new ArgList(argv, CommandFlags.Of(LoadSettings.BooleanFlags, TargetOptions.BooleanFlags));
        var load = LoadSettings.FromArgs(args, unlimitedByDefault: false);
        var memory = MemorySettings.FromArgs(args);
        var targets = TargetOptions.FromArgs(args, alwaysDhtnode: false, unlimited: load.RatePerSourceIp is null);
        CommandFlags.ApplyLogDir(args);
        args.EnsureAllConsumed();
        var factory = targets.Factories.Count == 1
            ? targets.Factories[0]
            : throw new UsageException("memory needs exactly one target: --dhtnode, --ours CMD, or --target HOST:PORT --pid PID");
        if (!factory.HasPid)
        {
            throw new UsageException("memory needs a target with a PID (the in-process responder has none; give --pid with --target)");
        }

        if (!factory.Fresh && memory.ValueSizes.Count > 1)
        {
            Console.WriteLine("warning: attached target is not restarted between sizes; later sizes start from a bigger heap");
        }

        foreach (var size in memory.ValueSizes)
        {
            await using var target = await factory.Start();
            Console.WriteLine($"memory: {target.Name} at {target.EndPoint}, {memory.Values} values of {size} B");
            var result = await MemoryRunner.RunAsync(target, size, memory, load, Console.Out);
            foreach (var line in result.Describe())
            {
                Console.WriteLine(line);
            }
        }

        return 0;
    }
}
