using System.Net;

namespace JamiCluster.LoadGen.Targets;

/// <summary>
/// A target under test: something answering on <see cref="EndPoint"/>, optionally a process we started
/// (stopped by PID on dispose) and optionally a PID whose RSS can be measured.
/// </summary>
public sealed class RunningTarget : IAsyncDisposable
{
    private readonly ManagedProcess? _process;
    private readonly IDisposable? _inProcess;
    private readonly string? _quitCommand;

    public RunningTarget(string name, IPEndPoint endPoint, int? measuredPid, ManagedProcess? process,
        IDisposable? inProcess = null, string? quitCommand = null)
    {
        Name = name;
        EndPoint = endPoint;
        MeasuredPid = measuredPid;
        _process = process;
        _inProcess = inProcess;
        _quitCommand = quitCommand;
    }

    public string Name { get; }

    public IPEndPoint EndPoint { get; }

    /// <summary>PID whose VmRSS/CPU is reported: the process owning the UDP port, if known.</summary>
    public int? MeasuredPid { get; }

    public int? StartedPid => _process?.Pid;

    public string? LogPath => _process?.LogPath;

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(_quitCommand, TimeSpan.FromSeconds(2));
            await _process.DisposeAsync();
        }

        _inProcess?.Dispose();
    }
}
