using System.Collections.Concurrent;
using System.Diagnostics;

namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>
/// A real silo process (the built JamiCluster.Silo), configured through environment variables the way an operator
/// would, bound to loopback on free ports. Stopped by its PID.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _readyLine = "";

    private SiloProcess(Process process, int basePort, int headCount, int siloPort)
    {
        _process = process;
        BasePort = basePort;
        HeadCount = headCount;
        SiloPort = siloPort;
    }

    /// <summary>UDP port of head 0.</summary>
    public int BasePort { get; }

    /// <summary>Number of heads.</summary>
    public int HeadCount { get; }

    /// <summary>Orleans silo port (for a second silo to join).</summary>
    public int SiloPort { get; }

    /// <summary>Base URL of the name server (http://127.0.0.1:port).</summary>
    public Uri NameServer => new($"http://127.0.0.1:{SiloPort + 2}");

    /// <summary>Base URL of the DHT proxy (http://127.0.0.1:port).</summary>
    public Uri Proxy => new($"http://127.0.0.1:{SiloPort + 3}");

    /// <summary>Process id.</summary>
    public int Pid => _process.Id;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Loopback endpoint of head <paramref name="index"/>.</summary>
    public IPEndPoint Head(int index = 0) => new(IPAddress.Loopback, BasePort + index);

    /// <summary>Bootstrap address text for peers.</summary>
    public string Bootstrap(int index = 0) => $"127.0.0.1:{BasePort + index}";

    /// <summary>Everything the process printed so far.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>Starts a silo; <paramref name="settings"/> are extra configuration keys (':'-separated).</summary>
    public static async Task<SiloProcess> StartAsync(IDictionary<string, string>? settings = null, int headCount = 4, int? primarySiloPort = null, bool edge = true)
    {
        var ports = FreePorts.Reserve(headCount + 4);
        var siloPort = ports + headCount;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.SiloDll);
        var env = new Dictionary<string, string>
        {
            ["JamiCluster:Edge:BasePort"] = ports.ToString(),
            ["JamiCluster:Edge:HeadCount"] = headCount.ToString(),
            ["JamiCluster:Edge:BindAddresses:0"] = "127.0.0.1",
            ["JamiCluster:Edge:NodeIdSeed"] = $"test-{ports}",
            ["JamiCluster:Cluster:SiloPort"] = siloPort.ToString(),
            ["JamiCluster:Cluster:GatewayPort"] = (siloPort + 1).ToString(),
            ["JamiCluster:NameServer:Port"] = (siloPort + 2).ToString(),
            ["JamiCluster:NameServer:BindAddresses:0"] = "127.0.0.1",
            ["JamiCluster:Proxy:Port"] = (siloPort + 3).ToString(),
            ["JamiCluster:Proxy:BindAddresses:0"] = "127.0.0.1",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        };
        if (primarySiloPort is { } primary)
        {
            env["JamiCluster:Cluster:PrimarySiloPort"] = primary.ToString();
        }

        if (settings is not null)
        {
            foreach (var (key, value) in settings)
            {
                env[key] = value;
            }
        }

        foreach (var (key, value) in env)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // A small gen0 budget makes the silo collect often, so anything that only a weak reference keeps alive
        // (Orleans holds observer objects weakly) breaks within a test instead of in production.
        info.Environment["DOTNET_GCgen0size"] = "0x100000";

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloProcess(process, ports, headCount, siloPort) { _readyLine = edge ? "Point Jami at this cluster" : "Edge disabled on this silo" };
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90), edge);
        return silo;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Stops the process gracefully (SIGTERM to its PID): the silo leaves the cluster cleanly.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.CompletedTask;
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException("The silo exited before it was ready:\n" + Log));
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 5000)
        {
            _log.TryDequeue(out _);
        }

        if (line.Contains(_readyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout, bool edge)
    {
        try
        {
            await _ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new TimeoutException("The silo did not become ready in time:\n" + Log);
        }

        if (!edge)
        {
            return;
        }

        // Kestrel starts after the hosted services: wait until the name server accepts connections too.
        var httpDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, NameServer.Port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < httpDeadline)
            {
                await Task.Delay(100);
            }
        }

        // The heads are bound; make sure they answer before handing the silo to a test.
        using var client = new RawDhtClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await client.PingAsync(Head(), TimeSpan.FromMilliseconds(500)) is not null)
            {
                return;
            }
        }

        throw new TimeoutException("The silo's head 0 does not answer pings:\n" + Log);
    }
}
