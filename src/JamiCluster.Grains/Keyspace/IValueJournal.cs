namespace JamiCluster.Grains.Keyspace;

/// <summary>
/// Where a bucket grain records its values before acknowledging a put, so a bucket re-activated elsewhere after
/// a crash reloads them. Embedded mode uses <see cref="NullValueJournal"/> (nothing is durable).
/// </summary>
public interface IValueJournal
{
    /// <summary>True when entries survive the process.</summary>
    bool IsDurable { get; }

    /// <summary>Records (inserts or replaces) values; completes once they are durable.</summary>
    Task SaveAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellation = default);

    /// <summary>Every unexpired value of <paramref name="bucket"/>.</summary>
    Task<IReadOnlyList<JournalEntry>> LoadAsync(long bucket, DateTimeOffset now, CancellationToken cancellation = default);

    /// <summary>Forgets values that expired before <paramref name="now"/> in <paramref name="bucket"/>.</summary>
    Task PurgeExpiredAsync(long bucket, DateTimeOffset now, CancellationToken cancellation = default);
}
