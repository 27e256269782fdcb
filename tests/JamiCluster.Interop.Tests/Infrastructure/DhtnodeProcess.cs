using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>The real OpenDHT 2.4.12 <c>dhtnode</c>, driven through its interactive prompt. Stopped by its PID.</summary>
public sealed class DhtnodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly List<string> _all = [];

    private DhtnodeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_all)
            {
                return string.Join('\n', _all);
            }
        }
    }

    /// <summary>Starts <c>dhtnode -b bootstrap</c> on a random port; with <paramref name="identity"/>, <c>-i</c> (an RSA identity).</summary>
    public static DhtnodeProcess Start(string bootstrap, bool identity = false) =>
        Launch(identity ? ["-i", "-b", bootstrap] : ["-b", bootstrap]);

    /// <summary>Starts <c>dhtnode --proxyclient URL</c>: a node that does every operation through a DHT proxy over HTTP.</summary>
    public static DhtnodeProcess StartProxyClient(Uri proxy) => Launch(["-p", "0", "--proxyclient", proxy.ToString().TrimEnd('/')]);

    private static DhtnodeProcess Launch(string[] arguments)
    {
        var info = new ProcessStartInfo(RequiredProgram.Dhtnode)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }

        return new DhtnodeProcess(Process.Start(info) ?? throw new InvalidOperationException("dhtnode did not start"));
    }

    /// <summary>Types a command at the prompt.</summary>
    public void Send(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/>; returns its match or throws with the output so far.</summary>
    public Match WaitFor(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_lines.TryTake(out var line, left))
            {
                throw new TimeoutException($"dhtnode printed no line matching /{pattern}/ within {timeout}:\n{Output}");
            }

            var match = regex.Match(line);
            if (match.Success)
            {
                return match;
            }
        }
    }

    /// <summary>
    /// Polls <c>ll</c> until the IPv4 table reports good nodes: 2.4.12 is Connected as soon as one node is good.
    /// Returns the number of good nodes.
    /// </summary>
    public int WaitConnected(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Send("ll");
            Match match;
            try
            {
                match = WaitFor(@"Known nodes: (\d+) good", TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // A node started with -i generates its RSA key before it reads commands; on a busy machine that
                // takes longer than one attempt. The "ll" typed meanwhile is answered once it is up.
                continue;
            }

            var good = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (good > 0)
            {
                return good;
            }

            Thread.Sleep(500);
        }

        throw new TimeoutException("dhtnode did not become connected:\n" + Output);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_all)
        {
            _all.Add(line);
        }

        // The prompt ">> " prefixes output lines; strip it so patterns anchor on the content.
        _lines.Add(line.StartsWith(">> ", StringComparison.Ordinal) ? line[3..] : line);
    }
}
