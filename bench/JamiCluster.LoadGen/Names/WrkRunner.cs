using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Names;

/// <summary>
/// Drives a target with <c>wrk</c> (Debian package <c>wrk</c>), so that the load generator is compiled C and not the
/// bottleneck. A generated Lua script picks a random registered name per request, or with probability
/// <see cref="NameSettings.UnknownFraction"/> an unknown one; every wrk thread has a fixed seed, so both targets get the
/// same sequence of names. The script's <c>done()</c> prints one machine-readable line that we parse.
/// </summary>
public sealed partial class WrkRunner
{
    public const string WrkPath = "/usr/bin/wrk";

    private readonly NameSettings _settings;
    private readonly string _scriptPath;

    public WrkRunner(NameSettings settings, NameCatalog catalog, string scriptPath)
    {
        if (!File.Exists(WrkPath))
        {
            throw new InvalidOperationException($"{WrkPath} is missing: apt-get install -y wrk");
        }

        _settings = settings;
        _scriptPath = scriptPath;
        File.WriteAllText(_scriptPath, Script(catalog.Accounts.Select(a => a.Name), catalog.UnknownNames, settings.UnknownFraction));
    }

    /// <summary>An unmeasured run, so JIT tiering, pools and (on the silo) grain activations are done before we count.</summary>
    public Task WarmUpAsync(HttpTarget target, TimeSpan duration) =>
        duration >= TimeSpan.FromSeconds(1) ? RunWrkAsync(target, duration, "warmup") : Task.CompletedTask;

    public async Task<WrkResult> MeasureAsync(HttpTarget target, int round)
    {
        var cpuBefore = ProcFs.CpuSeconds(target.Pid);
        var machine = new CpuUsage();
        var started = Stopwatch.GetTimestamp();
        var output = await RunWrkAsync(target, _settings.Duration, $"round{round}");
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuAfter = ProcFs.CpuSeconds(target.Pid);

        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("loadgen-result ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result line against {target.Name}:\n{output}");
        var values = ResultField().Matches(line).ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        return new WrkResult
        {
            Target = target.Name,
            Round = round,
            Requests = (long)values["requests"],
            Seconds = values["duration_us"] / 1e6,
            Non2xx = (long)values["status"],
            SocketErrors = (long)(values["connect"] + values["read"] + values["write"] + values["timeout"]),
            P50Micros = (long)values["p50_us"],
            P99Micros = (long)values["p99_us"],
            MaxMicros = (long)values["max_us"],
            Bytes = (long)values["bytes"],
            WrkCores = values["cpu_s"] / (values["duration_us"] / 1e6),
            TargetCores = cpuBefore is { } before && cpuAfter is { } after ? (after - before) / wall : null,
            MachineCpus = machine.Describe(),
        };
    }

    private async Task<string> RunWrkAsync(HttpTarget target, TimeSpan duration, string label)
    {
        var arguments = new List<string>
        {
            "-t", Text(_settings.Threads), "-c", Text(_settings.Connections), "-d", Text((int)duration.TotalSeconds) + "s",
            "--latency", "-s", _scriptPath, target.BaseUri.ToString(),
        };
        var file = WrkPath;
        if (_settings.WrkCpus is { } cpus)
        {
            arguments.InsertRange(0, ["-c", cpus, WrkPath]);
            file = "taskset";
        }

        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"wrk against {target.Name} did not finish within {duration.TotalSeconds + 30:0} s");
        }

        var output = await stdout + await stderr;
        var log = Path.Combine(TargetLauncher.LogDirectory, $"wrk-{target.Name.Replace(' ', '-')}-{target.Port}-{label}.txt");
        await File.WriteAllTextAsync(log, $"{file} {string.Join(' ', arguments)}\n{output}");
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {output}");
    }

    private static string Script(IEnumerable<string> names, IEnumerable<string> unknown, double unknownFraction)
    {
        static string Table(IEnumerable<string> items) => string.Join(", ", items.Select(n => $"wrk.format(\"GET\", \"/name/{n}\")"));
        var sb = new StringBuilder();
        sb.AppendLine("-- Generated by JamiCluster.LoadGen names: GET /name/<random name>, the same sequence for every target.");
        sb.AppendLine("local counter = 0");
        sb.AppendLine("function setup(thread) thread:set(\"id\", counter); counter = counter + 1 end");
        sb.AppendLine("local known, unknown");
        sb.AppendLine("function init(args)");
        sb.AppendLine("  math.randomseed(12345 + id)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  known = {{ {Table(names)} }}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  unknown = {{ {Table(unknown)} }}");
        sb.AppendLine("end");
        sb.AppendLine("function request()");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  if math.random() < {unknownFraction.ToString("R", CultureInfo.InvariantCulture)} then return unknown[math.random(#unknown)] end");
        sb.AppendLine("  return known[math.random(#known)]");
        sb.AppendLine("end");
        sb.AppendLine("function done(s, latency, requests)");
        sb.AppendLine("  local e = s.errors");
        sb.AppendLine("  io.write(string.format(\"loadgen-result requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d \" ..");
        sb.AppendLine("    \"p50_us=%d p99_us=%d max_us=%d cpu_s=%.3f\\n\", s.requests, s.duration, s.bytes, e.connect, e.read, e.write, e.status,");
        sb.AppendLine("    e.timeout, latency:percentile(50), latency:percentile(99), latency.max, os.clock()))");
        sb.AppendLine("end");
        return sb.ToString();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\w+)=([0-9.]+)")]
    private static partial Regex ResultField();
}
