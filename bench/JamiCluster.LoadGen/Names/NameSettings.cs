using System.Globalization;
using JamiCluster.LoadGen.Cli;

namespace JamiCluster.LoadGen.Names;

/// <summary>
/// Parameters of the <c>names</c> benchmark: how many accounts to register, how wrk drives both targets, and how the
/// silo is started. Both targets always get the same wrk parameters and the same request sequence.
/// </summary>
public sealed record NameSettings
{
    public int Accounts { get; init; } = 200;

    public int KeyBits { get; init; } = 2048;

    /// <summary>Share of lookups for names nobody registered (valid names, so the silo asks a grain and answers 404).</summary>
    public double UnknownFraction { get; init; } = 0.1;

    /// <summary>Unmeasured load on each target before its first round: long enough for tiered JIT and Dynamic PGO to settle.</summary>
    public TimeSpan InitialWarmup { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Unmeasured load before every measured run (fresh wrk connections, caches).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public int Rounds { get; init; } = 3;

    public int Connections { get; init; } = 32;

    public int Threads { get; init; } = 1;

    /// <summary>Names whose bodies are compared with the expected record before and after each measured run.</summary>
    public int VerifySample { get; init; } = 50;

    /// <summary>Shell command that starts the silo (run as <c>/bin/sh -c "exec COMMAND"</c>).</summary>
    public required string SiloCommand { get; init; }

    /// <summary>Extra environment for the silo; applied after the port settings, so it can override them.</summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment { get; init; } = new Dictionary<string, string>();

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>taskset CPU list for wrk, or null.</summary>
    public string? WrkCpus { get; init; }

    public static NameSettings FromArgs(ArgList args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in args.All("silo-env"))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            environment[eq > 0 ? pair[..eq] : throw new UsageException($"--silo-env expects NAME=VALUE, got '{pair}'")] = pair[(eq + 1)..];
        }

        var wrkCpus = args.String("wrk-cpus");
        if (wrkCpus is not null && !wrkCpus.All(c => char.IsAsciiDigit(c) || c is ',' or '-'))
        {
            throw new UsageException($"--wrk-cpus takes a taskset CPU list such as 0 or 0-1, got '{wrkCpus}'");
        }

        var settings = new NameSettings
        {
            Accounts = args.Int("accounts", 200, 1, 100_000),
            KeyBits = args.Int("key-bits", 2048, 2048, 8192),
            UnknownFraction = args.Double("unknown", 0.1, 0, 1),
            InitialWarmup = TimeSpan.FromSeconds(args.Int("initial-warmup", 20, 0, 600)),
            Warmup = TimeSpan.FromSeconds(args.Int("warmup", 5, 0, 600)),
            Duration = TimeSpan.FromSeconds(args.Int("duration", 10, 1, 3600)),
            Rounds = args.Int("rounds", 3, 1, 20),
            Connections = args.Int("connections", 32, 1, 10_000),
            Threads = args.Int("threads", 1, 1, 64),
            VerifySample = args.Int("verify", 50, 1, 100_000),
            SiloCommand = args.String("silo") ?? DefaultSiloCommand(),
            SiloEnvironment = environment,
            ReadyTimeout = TimeSpan.FromSeconds(args.Double("ready-timeout", 60, 1, 600)),
            WrkCpus = wrkCpus,
        };
        return settings.Connections >= settings.Threads
            ? settings
            : throw new UsageException("--connections must be at least --threads (wrk gives each thread its own connections)");
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"accounts={Accounts} (RSA-{KeyBits}) unknown={UnknownFraction:0.##} wrk -t{Threads} -c{Connections} initial-warmup={InitialWarmup.TotalSeconds:0}s warmup={Warmup.TotalSeconds:0}s " +
        $"duration={Duration.TotalSeconds:0}s rounds={Rounds}{(WrkCpus is { } cpus ? " wrk-cpus=" + cpus : string.Empty)}");

    /// <summary>The Release build of the silo in the repository this tool was built from.</summary>
    private static string DefaultSiloCommand()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JamiCluster.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "JamiCluster.Silo", "bin", "Release", "net10.0", "JamiCluster.Silo.dll");
                return File.Exists(dll)
                    ? $"dotnet '{dll}'"
                    : throw new UsageException($"{dll} is missing: run 'dotnet build -c Release src/JamiCluster.Silo' or pass --silo COMMAND");
            }
        }

        throw new UsageException("cannot find the repository root (JamiCluster.sln) above the tool: pass --silo COMMAND");
    }
}
