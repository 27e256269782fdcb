namespace JamiCluster.Grains.Keyspace;

/// <summary>The embedded mode's journal: keeps nothing.</summary>
public sealed class NullValueJournal : IValueJournal
{
    /// <inheritdoc />
    public bool IsDurable => false;

    /// <inheritdoc />
    public Task SaveAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellation = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> LoadAsync(long bucket, DateTimeOffset now, CancellationToken cancellation = default) =>
        Task.FromResult<IReadOnlyList<JournalEntry>>([]);

    /// <inheritdoc />
    public Task PurgeExpiredAsync(long bucket, DateTimeOffset now, CancellationToken cancellation = default) => Task.CompletedTask;
}
