using JamiCluster.LoadGen.Cli;
using JamiCluster.LoadGen.Names;

namespace JamiCluster.LoadGen.Commands;

/// <summary>
/// <c>names-bare</c>: runs only the bare Kestrel anchor of <c>names</c> (which starts it as a child process, so it
/// can be pinned and measured like the silo). Stops when its standard input closes or after <c>--seconds</c>.
/// </summary>
public static class NamesBareCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> argv)
    {
        var args = new ArgList(argv, new HashSet<string>(StringComparer.Ordinal));
        var port = args.Int("port", 18090, 1024, 65535);
        var path = args.String("bodies") ?? throw new UsageException("names-bare needs --bodies FILE (one lookup body per line)");
        var seconds = args.Double("seconds", 3600, 1, 24 * 3600);
        args.EnsureAllConsumed();

        var bodies = BareNameServer.ReadBodies(path);
        await using var app = BareNameServer.Build(port, bodies);
        await app.StartAsync();
        Console.WriteLine($"bare name server on 127.0.0.1:{port} with {bodies.Count} names");
        // The parent keeps our stdin open; end of input means it is gone, so we go too. SIGTERM stops the app.
        // The blocking read gets its own thread: on a thread-pool thread it would starve a one-core pool and stall requests.
        var parentGone = new TaskCompletionSource();
        new Thread(() =>
        {
            Console.OpenStandardInput().CopyTo(Stream.Null);
            parentGone.TrySetResult();
        })
        { IsBackground = true, Name = "stdin watch" }.Start();
        var stopping = Task.Delay(Timeout.Infinite, app.Lifetime.ApplicationStopping);
        await Task.WhenAny(parentGone.Task, stopping, Task.Delay(TimeSpan.FromSeconds(seconds)));
        await app.StopAsync();
        return 0;
    }
}
