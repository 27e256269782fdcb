namespace JamiCluster.Silo.Cluster;

/// <summary>Cluster set-up events (EventIds 1600–1699).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(1600, LogLevel.Warning, "Embedded mode: localhost clustering and in-memory storage. Nothing is durable; values live only while a silo holds them. Set JamiCluster:Cluster:Mode (env JamiCluster__Cluster__Mode) for a real cluster.")]
    public static partial void EmbeddedMode(ILogger logger);

    [LoggerMessage(1601, LogLevel.Information, "Cluster membership version {Version}: {Active} active silos: {Silos}")]
    public static partial void Membership(ILogger logger, long version, int active, string silos);

    [LoggerMessage(1602, LogLevel.Information, "PostgreSQL schema applied")]
    public static partial void SchemaApplied(ILogger logger);
}
