using System.Diagnostics;
using System.Text.Json;

namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>Runs <c>peers/peers.py</c> (real python3-opendht 2.4.12 peers) and returns its JSON lines.</summary>
public static class PythonPeers
{
    /// <summary>Runs one subcommand against <paramref name="bootstraps"/>; never hangs past <paramref name="timeout"/>.</summary>
    public static async Task<Run> RunAsync(IEnumerable<string> bootstraps, IEnumerable<string> command, TimeSpan timeout, ITestOutputHelper? output = null)
    {
        var info = new ProcessStartInfo(RequiredProgram.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(RepoPaths.PeersScript)!,
        };
        info.ArgumentList.Add(RepoPaths.PeersScript);
        foreach (var bootstrap in bootstraps)
        {
            info.ArgumentList.Add("--bootstrap");
            info.ArgumentList.Add(bootstrap);
        }

        info.ArgumentList.Add("--watchdog");
        info.ArgumentList.Add(((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var arg in command)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("peers.py did not finish:\n" + await stdout + await stderr);
        }

        var text = await stdout;
        output?.WriteLine(text);
        var lines = new List<JsonElement>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException)
            {
                // A stray library log line; the contract is one JSON object per line for our own output.
            }
        }

        return new Run(process.ExitCode, lines, text + await stderr);
    }

    /// <summary>One finished run.</summary>
    /// <param name="ExitCode">0 on success.</param>
    /// <param name="Lines">Every JSON line.</param>
    /// <param name="Text">Raw output, for failure messages.</param>
    public sealed record Run(int ExitCode, List<JsonElement> Lines, string Text)
    {
        /// <summary>The final <c>result</c> object; fails the test with the output when the run did not succeed.</summary>
        public JsonElement Result()
        {
            Assert.True(ExitCode == 0, $"peers.py exited with {ExitCode}:\n{Text}");
            var last = Lines[^1];
            Assert.True(last.TryGetProperty("result", out var result), "no result line:\n" + Text);
            return result;
        }
    }
}
