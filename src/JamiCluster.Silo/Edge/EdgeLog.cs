namespace JamiCluster.Silo.Edge;

/// <summary>Log events of the UDP edge (EventIds 1000–1099).</summary>
internal static partial class EdgeLog
{
    [LoggerMessage(1000, LogLevel.Information, "DHT head {Index} id {NodeId} listening on {Endpoint}")]
    public static partial void HeadListening(ILogger logger, int index, InfoHash nodeId, string endpoint);

    [LoggerMessage(1001, LogLevel.Warning, "DHT head {Index} could not bind {Endpoint}: {Message}")]
    public static partial void BindFailed(ILogger logger, int index, string endpoint, string message);

    [LoggerMessage(1002, LogLevel.Information, "Point Jami at this cluster: Account settings > Advanced > Bootstrap = {BootstrapList} (OpenDHT network id {NetworkId})")]
    public static partial void HowToConnect(ILogger logger, string bootstrapList, uint networkId);

    [LoggerMessage(1003, LogLevel.Debug, "Dropped datagram from {Endpoint}: {Reason}")]
    public static partial void Dropped(ILogger logger, IPEndPoint endpoint, DropReason reason);

    [LoggerMessage(1004, LogLevel.Warning, "Keyspace call for {Verb} failed: {Message}")]
    public static partial void BackendFailed(ILogger logger, string verb, string message);

    [LoggerMessage(1005, LogLevel.Warning, "Head registration failed: {Message}")]
    public static partial void RegistrationFailed(ILogger logger, string message);

    [LoggerMessage(1006, LogLevel.Error, "Receive loop of head {Index} stopped: {Message}")]
    public static partial void ReceiveLoopFailed(ILogger logger, int index, string message);

    [LoggerMessage(1007, LogLevel.Information, "Edge disabled on this silo (role core): no UDP heads")]
    public static partial void EdgeDisabled(ILogger logger);

    [LoggerMessage(1008, LogLevel.Warning, "Unexpected error handling a datagram from {Endpoint}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, IPEndPoint endpoint);
}
