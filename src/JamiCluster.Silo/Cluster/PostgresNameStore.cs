using System.Runtime.CompilerServices;
using JamiCluster.Grains.Names;
using Npgsql;
using NpgsqlTypes;

namespace JamiCluster.Silo.Cluster;

/// <summary>The name directory in PostgreSQL (<c>jc_names</c>); its primary key and partial unique index enforce the rules.</summary>
internal sealed class PostgresNameStore(NpgsqlDataSource dataSource) : INameStore
{
    private const string Columns = "name, status, addr, publickey, signature, owner, created_at, reason, changed_at, version";

    private const string Insert = $"""
        INSERT INTO jc_names ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT DO NOTHING
        """;

    private const string Update = """
        UPDATE jc_names SET status = $2, addr = $3, publickey = $4, signature = $5, owner = $6, created_at = $7,
            reason = $8, changed_at = $9, version = $10
        WHERE name = $1 AND version = $11
        """;

    public bool IsDurable => true;

    public async Task<NameRecord?> FindByNameAsync(string name, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM jc_names WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return await ReadOneAsync(command, cancellation);
    }

    public async Task<NameRecord?> FindByAddressAsync(string addr, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM jc_names WHERE addr = $1 AND status = 'registered'");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = addr });
        return await ReadOneAsync(command, cancellation);
    }

    public async Task<NameStoreResult> SaveAsync(NameRecord record, NameRecord? expected, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand(expected is null ? Insert : Update);
        AddRecord(command, record);
        if (expected is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = expected.Version });
        }

        int rows;
        try
        {
            rows = await command.ExecuteNonQueryAsync(cancellation);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return NameStoreResult.AddressInUse;
        }

        if (rows == 1)
        {
            return NameStoreResult.Saved;
        }

        // Nothing written: either the name exists (insert) or moved on (update), or the address is taken.
        return expected is null && await FindByNameAsync(record.Name, cancellation) is null ? NameStoreResult.AddressInUse : NameStoreResult.NameChanged;
    }

    public async IAsyncEnumerable<NameRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM jc_names ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            yield return Read(reader);
        }
    }

    private static void AddRecord(NpgsqlCommand command, NameRecord record)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Status.ToString().ToLowerInvariant() });
        command.Parameters.Add(Text(record.Addr));
        command.Parameters.Add(Text(record.PublicKey));
        command.Parameters.Add(Text(record.Signature));
        command.Parameters.Add(Text(record.Owner));
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = record.CreatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Text(record.Reason));
        command.Parameters.Add(new NpgsqlParameter { Value = record.ChangedAt?.UtcDateTime ?? (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = record.Version });
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = value ?? (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static async Task<NameRecord?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellation)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? Read(reader) : null;
    }

    private static NameRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        Enum.Parse<NameStatus>(reader.GetString(1), ignoreCase: true),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : new DateTimeOffset(reader.GetDateTime(8), TimeSpan.Zero),
        reader.GetInt32(9));
}
