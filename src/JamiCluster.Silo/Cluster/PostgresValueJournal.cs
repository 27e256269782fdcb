using JamiCluster.Grains.Keyspace;
using Npgsql;
using NpgsqlTypes;

namespace JamiCluster.Silo.Cluster;

/// <summary>
/// The keyspace journal in PostgreSQL (<c>jc_dht_values</c>): a put's values are upserted in one batch before the
/// put is acknowledged, so an acknowledged value survives the loss of the silo that took it.
/// </summary>
internal sealed class PostgresValueJournal(NpgsqlDataSource dataSource) : IValueJournal
{
    private const string Upsert = """
        INSERT INTO jc_dht_values (bucket, key, value_id, raw, created, expires, quota_owner)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (key, value_id) DO UPDATE
        SET raw = EXCLUDED.raw, created = EXCLUDED.created, expires = EXCLUDED.expires, quota_owner = EXCLUDED.quota_owner
        """;

    public bool IsDurable => true;

    public async Task SaveAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellation = default)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var batch = dataSource.CreateBatch();
        foreach (var entry in entries)
        {
            var command = new NpgsqlBatchCommand(Upsert);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)entry.Bucket });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.Key.ToArray() });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = unchecked((long)entry.ValueId) });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.Raw });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = entry.Created.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = entry.Expires.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.QuotaOwner });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<IReadOnlyList<JournalEntry>> LoadAsync(long bucket, DateTimeOffset now, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT key, raw, value_id, created, expires, quota_owner FROM jc_dht_values WHERE bucket = $1 AND expires > $2");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)bucket });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            entries.Add(new JournalEntry(
                bucket,
                InfoHash.FromBytes(reader.GetFieldValue<byte[]>(0)),
                reader.GetFieldValue<byte[]>(1),
                unchecked((ulong)reader.GetInt64(2)),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(3)),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(4)),
                reader.GetString(5)));
        }

        return entries;
    }

    public async Task PurgeExpiredAsync(long bucket, DateTimeOffset now, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM jc_dht_values WHERE bucket = $1 AND expires <= $2");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)bucket });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
