using JamiCluster.LoadGen.Cli;
using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Commands;

/// <summary><c>respond</c>: run only the do-nothing responder in the foreground for a bounded time.</summary>
public static class RespondCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> argv)
    {
        var args = new ArgList(argv, new HashSet<string>(StringComparer.Ordinal));
        var port = args.Int("port", 4320, 1024, 65535);
        var seconds = args.Double("seconds", 60, 1, 3600);
        args.EnsureAllConsumed();
        using var responder = new DoNothingResponder(port);
        Console.WriteLine($"do-nothing responder on {responder.EndPoint} for {seconds:0} s");
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"answered {responder.Answered} requests");
        return 0;
    }
}
