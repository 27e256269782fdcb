namespace JamiCluster.Silo.Proxy;

/// <summary>Proxy log events (EventIds 1200–1299).</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(1200, LogLevel.Information, "DHT proxy listening on port {Port} (Jami account setting: DHT proxy = <this host>:{Port})")]
    public static partial void Listening(ILogger logger, int port);

    [LoggerMessage(1201, LogLevel.Warning, "DHT proxy: {Method} failed, answered 503 (or ended the stream): {Message}")]
    public static partial void BackendFailed(ILogger logger, string method, string message);
}
