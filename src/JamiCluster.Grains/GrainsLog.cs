namespace JamiCluster.Grains;

/// <summary>Grain log events (EventIds 2000–2099).</summary>
internal static partial class GrainsLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Keyspace bucket {Bucket} activated on this silo ({Restored} values restored)")]
    public static partial void BucketActivated(ILogger logger, long bucket, int restored);

    [LoggerMessage(2001, LogLevel.Warning, "Keyspace bucket {Bucket}: the value journal (database) is unavailable, serving from memory: {Message}")]
    public static partial void JournalUnavailable(ILogger logger, long bucket, string message);

    [LoggerMessage(2002, LogLevel.Information, "Keyspace bucket {Bucket}: database back, {Count} values journaled")]
    public static partial void JournalRecovered(ILogger logger, long bucket, int count);

    [LoggerMessage(2010, LogLevel.Information, "Name {Name} registered to {Addr}")]
    public static partial void NameRegistered(ILogger logger, string name, string addr);

    [LoggerMessage(2011, LogLevel.Information, "Name {Name} reserved for {Addr}: {Reason}")]
    public static partial void NameReserved(ILogger logger, string name, string addr, string reason);

    [LoggerMessage(2012, LogLevel.Warning, "Name {Name} (address {Addr}) revoked: {Reason}")]
    public static partial void NameRevoked(ILogger logger, string name, string addr, string reason);
}
