using System.Diagnostics;

namespace JamiCluster.LoadGen.Targets;

/// <summary>
/// A child process this tool started and will stop by its PID. Its stdin is a pipe we keep open
/// (dhtnode reads commands from stdin, "x" quits it); stdout/stderr are drained into a log file so a
/// chatty target can never block on a full pipe.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();

    private ManagedProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public int Pid => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public static ManagedProcess Start(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var managed = new ManagedProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => managed.Append(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    public void WriteStdin(string line)
    {
        try
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // already gone
        }
    }

    /// <summary>Polite stop (optional quit command), then SIGKILL of this PID and its descendants.</summary>
    public async Task StopAsync(string? quitCommand, TimeSpan grace)
    {
        if (!_process.HasExited && quitCommand is not null)
        {
            WriteStdin(quitCommand);
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // fall through to kill
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(null, TimeSpan.Zero);
        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // output after we closed the log
            }
        }
    }
}
