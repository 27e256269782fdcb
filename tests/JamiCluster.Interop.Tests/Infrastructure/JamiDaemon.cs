using System.Diagnostics;
using System.Text.Json;

namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>
/// Runs <c>peers/jami_names.py</c>: an unmodified jamid (Debian <c>jami-daemon</c>) on a private D-Bus, pointed at
/// a name server, registering and looking up names the way the Jami apps do. Returns its JSON lines by step.
/// </summary>
public static class JamiDaemon
{
    /// <summary>The daemon binary.</summary>
    public static string Jamid => RequiredProgram.Get("/usr/libexec/jamid", "jami-daemon");

    /// <summary>Runs one command of the script; never hangs past <paramref name="timeout"/>.</summary>
    public static async Task<Dictionary<string, JsonElement>> RunAsync(Uri nameServer, IEnumerable<string> command, TimeSpan timeout, ITestOutputHelper? output = null)
    {
        var workdir = Directory.CreateTempSubdirectory("jamicluster-jamid-").FullName;
        var info = new ProcessStartInfo(RequiredProgram.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "peers", "jami_names.py"), "--jamid", Jamid, "--nameserver", nameServer.ToString().TrimEnd('/'), "--workdir", workdir, "--deadline", ((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in command)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("jami_names.py did not finish:\n" + await stdout + await stderr);
            }

            var text = await stdout;
            output?.WriteLine(text);
            Assert.True(process.ExitCode == 0, $"jami_names.py exited with {process.ExitCode}:\n{text}\n{await stderr}");
            var steps = new Dictionary<string, JsonElement>();
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var element = JsonDocument.Parse(line).RootElement.Clone();
                steps[element.GetProperty("step").GetString()!] = element;
            }

            return steps;
        }
        finally
        {
            Directory.Delete(workdir, recursive: true);
        }
    }
}
