namespace JamiCluster.Grains.Keyspace;

/// <summary>One stored value as the journal keeps it.</summary>
/// <param name="Bucket">Owning bucket.</param>
/// <param name="Key">Key.</param>
/// <param name="Raw">Exact value bytes.</param>
/// <param name="ValueId">Value id.</param>
/// <param name="Created">Creation or last refresh time.</param>
/// <param name="Expires">Expiration time.</param>
/// <param name="QuotaOwner">Putter the value is charged to.</param>
public sealed record JournalEntry(long Bucket, InfoHash Key, byte[] Raw, ulong ValueId, DateTimeOffset Created, DateTimeOffset Expires, string QuotaOwner);
