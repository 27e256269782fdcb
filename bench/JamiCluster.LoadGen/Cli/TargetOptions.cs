using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Cli;

/// <summary>
/// Which targets to run against. Each entry of <see cref="Factories"/> starts a *fresh* instance when
/// invoked (except an attached <c>--target</c>), because every memory measurement needs a new process.
/// </summary>
public sealed class TargetOptions
{
    public static readonly IReadOnlySet<string> BooleanFlags =
        new HashSet<string>(StringComparer.Ordinal) { "dhtnode", "do-nothing-responder" };

    private TargetOptions(List<TargetFactory> factories) => Factories = factories;

    public IReadOnlyList<TargetFactory> Factories { get; }

    /// <param name="args">parsed arguments</param>
    /// <param name="alwaysDhtnode">compare always includes dhtnode as the reference</param>
    /// <param name="unlimited">start dhtnode with -U (the load is then unpaced)</param>
    public static TargetOptions FromArgs(ArgList args, bool alwaysDhtnode, bool unlimited)
    {
        var factories = new List<TargetFactory>();
        var readyTimeout = TimeSpan.FromSeconds(args.Double("ready-timeout", 60, 1, 600));

        if (args.String("target") is { } target)
        {
            var endPoint = TargetAddress.Parse(target);
            var pid = args.String("pid") is null ? (int?)null : args.Int("pid", 0, 1, int.MaxValue);
            factories.Add(new TargetFactory($"{endPoint}", Fresh: false,
                () => TargetLauncher.AttachAsync(endPoint.ToString(), endPoint, pid))
            { HasPid = pid is not null });
        }

        if (alwaysDhtnode | args.Flag("dhtnode"))
        {
            var port = args.Int("dhtnode-port", 4310, 1024, 65535);
            factories.Add(new TargetFactory("dhtnode", Fresh: true,
                () => TargetLauncher.StartDhtnodeAsync(port, unlimited, readyTimeout)));
        }

        if (args.String("ours") is { } command)
        {
            var port = args.Int("ours-port", 4222, 1024, 65535);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in args.All("ours-env"))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new UsageException($"--ours-env expects NAME=VALUE, got '{pair}'");
                }

                environment[pair[..eq]] = pair[(eq + 1)..];
            }

            var spec = new OursSpec(command, port, environment, readyTimeout);
            factories.Add(new TargetFactory("ours", Fresh: true, () => TargetLauncher.StartOursAsync(spec)));
        }

        if (args.Flag("do-nothing-responder"))
        {
            var port = args.Int("responder-port", 0, 0, 65535);
            factories.Add(new TargetFactory("do-nothing", Fresh: true, () => TargetLauncher.StartResponderAsync(port)) { HasPid = false });
        }

        return new TargetOptions(factories);
    }
}
