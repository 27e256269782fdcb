namespace JamiCluster.LoadGen.Cli;

/// <summary>A command-line mistake: printed with the usage text instead of a stack trace.</summary>
public sealed class UsageException(string message) : Exception(message);
