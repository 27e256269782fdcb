using System.Net;
using System.Text;
using JamiCluster.LoadGen.Cli;
using JamiCluster.LoadGen.Names;
using JamiCluster.LoadGen.Report;
using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Commands;

/// <summary>
/// <c>names</c>: <c>GET /name/{name}</c> lookups/s through the silo's name server against a bare Kestrel endpoint that
/// serves the same bodies from a dictionary, in the same run and with the same wrk load. The accounts are registered
/// through the silo's real <c>POST /name/{name}</c>; both processes stay up and the measured runs alternate between
/// them round by round (silo first in odd rounds, bare first in even ones). A sample of answers from each target is
/// compared with the expected records before the first round and after every measured run.
/// </summary>
public static class NamesCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> argv)
    {
        var args = new ArgList(argv, new HashSet<string>(StringComparer.Ordinal));
        var settings = NameSettings.FromArgs(args);
        CommandFlags.ApplyLogDir(args);
        args.EnsureAllConsumed();
        Directory.CreateDirectory(TargetLauncher.LogDirectory);

        Console.WriteLine($"names: {settings.Describe()}" + (TargetLauncher.TargetCpus is { } cpus ? $" target-cpus={cpus}" : string.Empty));
        Console.WriteLine($"  silo: {settings.SiloCommand}");
        var loadAtStart = HostLoad.LoadAverage();
        var catalog = NameCatalog.Create(settings.Accounts, settings.KeyBits);
        Console.WriteLine($"  generated {catalog.Accounts.Count} accounts in {catalog.Generation.TotalSeconds:0.0} s");
        var stamp = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}";
        var bodiesPath = Path.Combine(TargetLauncher.LogDirectory, $"names-bodies-{stamp}.jsonl");
        catalog.WriteBodies(bodiesPath);
        var wrk = new WrkRunner(settings, catalog, Path.Combine(TargetLauncher.LogDirectory, $"names-{stamp}.lua"));

        await using var silo = await HttpTarget.StartSiloAsync(settings, catalog.UnknownNames[0]);
        Console.WriteLine($"  silo pid {silo.Pid} on {silo.BaseUri} (log {silo.LogPath})");
        await RegisterAsync(silo, catalog);

        var lifetime = (settings.InitialWarmup + (settings.Warmup + settings.Duration) * settings.Rounds) * 2 + TimeSpan.FromMinutes(10);
        await using var bare = await HttpTarget.StartBareAsync(bodiesPath, catalog.UnknownNames[0], lifetime);
        Console.WriteLine($"  bare Kestrel pid {bare.Pid} on {bare.BaseUri} (log {bare.LogPath})");

        var failures = new List<string>();
        foreach (var target in new[] { silo, bare })
        {
            await CheckAsync(target, catalog, settings, seed: 0, failures);
        }

        var results = new Dictionary<HttpTarget, List<WrkResult>> { [silo] = [], [bare] = [] };
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var target in round % 2 == 1 ? new[] { silo, bare } : [bare, silo])
            {
                Console.WriteLine($"\n== {target.Name} (round {round}/{settings.Rounds})");
                await wrk.WarmUpAsync(target, results[target].Count == 0 ? settings.InitialWarmup + settings.Warmup : settings.Warmup);
                var result = await wrk.MeasureAsync(target, round);
                Console.WriteLine(result.Describe());
                results[target].Add(result);
                await CheckAsync(target, catalog, settings, seed: round, failures);
            }
        }

        Console.WriteLine();
        Console.WriteLine(NamesReport.Render(results[silo], results[bare]));
        Console.WriteLine($"host load average {loadAtStart} at start, {HostLoad.LoadAverage()} at end; {Environment.ProcessorCount} core(s)");
        foreach (var failure in failures)
        {
            Console.WriteLine($"- failed: {failure}");
        }

        Console.WriteLine(NamesReport.ClosingLine(results[silo], results[bare]));
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task RegisterAsync(HttpTarget silo, NameCatalog catalog)
    {
        var started = DateTime.UtcNow;
        using var client = new NameClient(silo.BaseUri);
        await client.RegisterAllAsync(catalog);
        Console.WriteLine($"  registered {catalog.Accounts.Count} names through POST /name/{{name}} in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");

        var first = catalog.Accounts[0];
        var (status, body) = await client.LookupAsync(first.Name);
        if (status != HttpStatusCode.OK || !first.Matches(body))
        {
            throw new InvalidOperationException($"GET /name/{first.Name} after registration: {(int)status} {Encoding.UTF8.GetString(body)}");
        }

        var text = Encoding.UTF8.GetString(body);
        Console.WriteLine($"  GET /name/{first.Name} → 200, {body.Length} B, record matches: {text[..Math.Min(text.Length, 120)]}…");
    }

    private static async Task CheckAsync(HttpTarget target, NameCatalog catalog, NameSettings settings, int seed, List<string> failures)
    {
        using var client = new NameClient(target.BaseUri);
        var check = await client.CheckSampleAsync(catalog, settings.VerifySample, seed);
        Console.WriteLine($"  {target.Name} sample check: {check}");
        if (!check.Passed)
        {
            failures.Add($"{target.Name} sample check (seed {seed}): {check}");
        }
    }
}
