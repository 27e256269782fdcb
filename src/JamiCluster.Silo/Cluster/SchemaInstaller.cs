using Npgsql;

namespace JamiCluster.Silo.Cluster;

/// <summary>Applies the project's PostgreSQL schema (embedded <c>postgresql-schema.sql</c>); safe to run again.</summary>
public static class SchemaInstaller
{
    /// <summary>Runs the script in one transaction.</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellation = default)
    {
        await using var stream = typeof(SchemaInstaller).Assembly.GetManifestResourceStream("postgresql-schema.sql")
            ?? throw new InvalidOperationException("postgresql-schema.sql is not embedded in the silo.");
        using var reader = new StreamReader(stream);
        var script = await reader.ReadToEndAsync(cancellation);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var command = new NpgsqlCommand(script, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellation);
        }

        await transaction.CommitAsync(cancellation);
    }
}
