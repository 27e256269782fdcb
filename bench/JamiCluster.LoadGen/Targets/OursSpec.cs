namespace JamiCluster.LoadGen.Targets;

/// <summary>
/// How to start our silo: a shell command line (run as <c>/bin/sh -c "exec …"</c>, so the PID we get is
/// the server itself when the command is a plain program), the UDP port it serves on, and extra
/// environment variables. <c>{port}</c> in the command is replaced by the port.
/// </summary>
public sealed record OursSpec(string Command, int Port, IReadOnlyDictionary<string, string> Environment, TimeSpan ReadyTimeout)
{
    public string ExpandedCommand => Command.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
