using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Cli;

/// <summary>A named way to obtain a running target; <see cref="Fresh"/> = each call starts a new process.</summary>
public sealed record TargetFactory(string Name, bool Fresh, Func<Task<RunningTarget>> Start)
{
    /// <summary>False for the in-process responder: its memory is ours, so RSS is meaningless.</summary>
    public bool HasPid { get; init; } = true;
}
