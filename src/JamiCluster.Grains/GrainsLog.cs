namespace JamiCluster.Grains;

/// <summary>Grain log events (EventIds 2000–2099).</summary>
internal static partial class GrainsLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Keyspace bucket {Bucket} activated on this silo ({Restored} values restored)")]
    public static partial void BucketActivated(ILogger logger, long bucket, int restored);
}
