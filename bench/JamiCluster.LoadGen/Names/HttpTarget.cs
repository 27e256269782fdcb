using System.Globalization;
using System.Net;
using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Names;

/// <summary>
/// A name server we started on 127.0.0.1: the silo or the bare anchor. Ready once <c>GET /name/&lt;unknown&gt;</c>
/// answers 404 with the lookup error body (for the silo that needs Kestrel and Orleans up). Stopped by PID on dispose.
/// </summary>
public sealed class HttpTarget : IAsyncDisposable
{
    /// <summary>Room for up to 16 DHT heads (the silo's default is 4) on consecutive free UDP ports.</summary>
    private const int MaxHeads = 16;

    private readonly ManagedProcess _process;

    private HttpTarget(string name, int port, ManagedProcess process)
    {
        Name = name;
        Port = port;
        _process = process;
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public int Pid => _process.Pid;

    public string LogPath => _process.LogPath;

    /// <summary>The silo in embedded mode with every port moved to a free one and the registration limit raised.</summary>
    public static Task<HttpTarget> StartSiloAsync(NameSettings settings, string probeName)
    {
        var port = LoopbackPorts.FreeTcp();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["JamiCluster__Cluster__Mode"] = "Embedded",
            ["JamiCluster__Cluster__SiloPort"] = Text(LoopbackPorts.FreeTcp()),
            ["JamiCluster__Cluster__GatewayPort"] = Text(LoopbackPorts.FreeTcp()),
            ["JamiCluster__Edge__BasePort"] = Text(LoopbackPorts.FreeUdpRange(MaxHeads)),
            ["JamiCluster__Edge__BindAddresses__0"] = "127.0.0.1",
            ["JamiCluster__NameServer__Port"] = Text(port),
            ["JamiCluster__NameServer__BindAddresses__0"] = "127.0.0.1",
            ["JamiCluster__NameServer__RegistrationsPerMinutePerIp"] = "100000",
            ["JamiCluster__Proxy__Enabled"] = "false",
        };
        foreach (var (key, value) in settings.SiloEnvironment)
        {
            environment[key] = value;
        }

        // taskset execs the command too, so the PID stays the server's.
        var pin = TargetLauncher.TargetCpus is { } cpus ? $"taskset -c {cpus} " : string.Empty;
        var process = ManagedProcess.Start("/bin/sh", ["-c", "exec " + pin + settings.SiloCommand], environment, LogFile("names-silo", port));
        return AwaitReadyAsync("silo", port, process, probeName, settings.ReadyTimeout);
    }

    /// <summary>This tool's <c>names-bare</c> command as a child process, with the silo's GC settings (workstation, concurrent).</summary>
    public static Task<HttpTarget> StartBareAsync(string bodiesPath, string probeName, TimeSpan lifetime)
    {
        var port = LoopbackPorts.FreeTcp();
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell how this tool was started");
        var command = new List<string> { self };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            command.Add(typeof(HttpTarget).Assembly.Location);
        }

        command.AddRange(["names-bare", "--port", Text(port), "--bodies", bodiesPath, "--seconds", Text((int)lifetime.TotalSeconds)]);
        if (TargetLauncher.TargetCpus is { } cpus)
        {
            command.InsertRange(0, ["taskset", "-c", cpus]);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_gcConcurrent"] = "1", ["DOTNET_gcServer"] = "0" };
        var process = ManagedProcess.Start(command[0], command.Skip(1), environment, LogFile("names-bare", port));
        return AwaitReadyAsync("bare Kestrel", port, process, probeName, TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(null, TimeSpan.Zero);
        await _process.DisposeAsync();
    }

    private static async Task<HttpTarget> AwaitReadyAsync(string name, int port, ManagedProcess process, string probeName, TimeSpan timeout)
    {
        var target = new HttpTarget(name, port, process);
        using var http = new HttpClient { BaseAddress = target.BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/name/" + probeName, UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.NotFound && body.AsSpan().SequenceEqual(NameCatalog.NotFoundBody))
                {
                    return target;
                }

                last = $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(200);
        }

        await target.DisposeAsync();
        throw new InvalidOperationException(
            $"{name} did not become ready ({(process.HasExited ? "it exited" : "timed out")}; last answer: {last}; log: {process.LogPath})");
    }

    private static string LogFile(string name, int port) =>
        Path.Combine(TargetLauncher.LogDirectory, $"{name}-{port}-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}.log");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
