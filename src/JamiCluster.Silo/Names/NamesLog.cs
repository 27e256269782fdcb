namespace JamiCluster.Silo.Names;

/// <summary>Name-server log events (EventIds 1300–1399).</summary>
internal static partial class NamesLog
{
    [LoggerMessage(1300, LogLevel.Information, "Name server listening on port {Port}{PathBase} (Jami account setting RingNS.uri = http://<this host>:{Port}{PathBase})")]
    public static partial void Listening(ILogger logger, int port, string pathBase);

    [LoggerMessage(1301, LogLevel.Warning, "Name server: {Operation} failed, answered 503: {Message}")]
    public static partial void BackendFailed(ILogger logger, string operation, string message);

    [LoggerMessage(1302, LogLevel.Debug, "Name server: registration of {Name} for {Addr}: {Outcome}")]
    public static partial void Registration(ILogger logger, string name, string addr, RegistrationOutcome outcome);

    [LoggerMessage(1303, LogLevel.Warning, "Names are kept in this process's memory only: a restart loses them. Set JamiCluster:Cluster:ConnectionString to keep them in PostgreSQL.")]
    public static partial void NotDurable(ILogger logger);
}
