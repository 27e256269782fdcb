using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace JamiCluster.LoadGen.Targets;

/// <summary>Starts the targets of a comparison and waits until each answers a ping.</summary>
public static class TargetLauncher
{
    public const string DhtnodePath = "/usr/bin/dhtnode";

    public static string LogDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "jamicluster-loadgen");

    /// <summary>
    /// Optional CPU list (taskset syntax) for started targets. On 2 cores, pinning the target to one core
    /// and the load generator to the other keeps them from trading places mid-run.
    /// </summary>
    public static string? TargetCpus { get; set; }

    /// <summary>
    /// <c>dhtnode -p PORT</c> (plus <c>-U</c> to lift the 1024/s-per-IP and 8192/s global limits). No
    /// bootstrap: a lone node, so it stores every put (the "too far" rule needs 8 good nodes).
    /// </summary>
    public static async Task<RunningTarget> StartDhtnodeAsync(int port, bool unlimited, TimeSpan readyTimeout)
    {
        EnsurePortFree(port);
        var args = new List<string> { "-p", port.ToString(CultureInfo.InvariantCulture) };
        if (unlimited)
        {
            args.Insert(0, "-U");
        }

        var (file, fullArgs) = TargetCpus is { } cpus ? ("taskset", new List<string> { "-c", cpus, DhtnodePath }.Concat(args)) : (DhtnodePath, args);
        var process = ManagedProcess.Start(file, fullArgs, new Dictionary<string, string>(), LogFile("dhtnode", port));
        return await AwaitReadyAsync("dhtnode", port, process, readyTimeout, quitCommand: "x");
    }

    public static async Task<RunningTarget> StartOursAsync(OursSpec spec)
    {
        EnsurePortFree(spec.Port);
        // taskset execs the command too, so the PID stays the server's.
        var pin = TargetCpus is { } cpus ? $"taskset -c {cpus} " : string.Empty;
        var process = ManagedProcess.Start("/bin/sh", ["-c", "exec " + pin + spec.ExpandedCommand], spec.Environment, LogFile("ours", spec.Port));
        return await AwaitReadyAsync("ours", spec.Port, process, spec.ReadyTimeout, quitCommand: null);
    }

    public static async Task<RunningTarget> StartResponderAsync(int port)
    {
        var responder = new DoNothingResponder(port);
        await ReadinessProbe.WaitForPongAsync(responder.EndPoint, TimeSpan.FromSeconds(5));
        return new RunningTarget("do-nothing", responder.EndPoint, measuredPid: null, process: null, inProcess: responder);
    }

    /// <summary>Attach to a target someone else started; we neither start nor stop it.</summary>
    public static async Task<RunningTarget> AttachAsync(string name, IPEndPoint endPoint, int? pid)
    {
        await ReadinessProbe.WaitForPongAsync(endPoint, TimeSpan.FromSeconds(10));
        return new RunningTarget(name, endPoint, pid, process: null);
    }

    private static async Task<RunningTarget> AwaitReadyAsync(string name, int port, ManagedProcess process, TimeSpan timeout, string? quitCommand)
    {
        var endPoint = new IPEndPoint(IPAddress.Loopback, port);
        try
        {
            await ReadinessProbe.WaitForPongAsync(endPoint, timeout, () => process.HasExited);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await process.StopAsync(quitCommand, TimeSpan.FromSeconds(1));
            await process.DisposeAsync();
            throw new InvalidOperationException($"{name} did not become ready: {e.Message} (log: {process.LogPath})", e);
        }

        var owner = UdpPortOwner.Find(process.Pid, port) ?? process.Pid;
        return new RunningTarget(name, endPoint, owner, process, quitCommand: quitCommand);
    }

    /// <summary>A leftover server on the port would silently be measured instead of the one we start.</summary>
    private static void EnsurePortFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"UDP port {port} is already in use ({e.SocketErrorCode}); pick another port", e);
        }
    }

    private static string LogFile(string name, int port) =>
        Path.Combine(LogDirectory, $"{name}-{port}-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}.log");
}
