using JamiCluster.LoadGen.Cli;
using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Commands;

/// <summary>Small helpers shared by the commands' option handling.</summary>
public static class CommandFlags
{
    public static IReadOnlySet<string> Of(params IReadOnlySet<string>[] sets)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            all.UnionWith(set);
        }

        return all;
    }

    /// <summary>Options about started processes: log directory (default /tmp/jamicluster-loadgen) and CPU pinning.</summary>
    public static void ApplyLogDir(ArgList args)
    {
        if (args.String("log-dir") is { } dir)
        {
            TargetLauncher.LogDirectory = Path.GetFullPath(dir);
        }

        if (args.String("target-cpus") is { } cpus)
        {
            TargetLauncher.TargetCpus = cpus.All(c => char.IsAsciiDigit(c) || c is ',' or '-')
                ? cpus
                : throw new UsageException($"--target-cpus takes a taskset CPU list such as 1 or 0-1, got '{cpus}'");
        }
    }
}
