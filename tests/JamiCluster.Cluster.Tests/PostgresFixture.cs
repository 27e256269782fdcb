using System.Diagnostics;

namespace JamiCluster.Cluster.Tests;

/// <summary>
/// A throwaway PostgreSQL: initdb into a temporary folder, started on a free loopback port, removed at the end.
/// Uses the Debian binaries under /usr/lib/postgresql/*/bin (scripts/test.sh installs the package).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private string _dir = "";
    private string _bin = "";
    private int _port;

    /// <summary>Npgsql connection string of the test database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=jamicluster;Database=jamicluster;Pooling=true";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb"))) ?? ""
            : "";
        if (_bin.Length == 0)
        {
            throw new InvalidOperationException("PostgreSQL server binaries are missing: install them with 'apt-get install -y postgresql' (README's test command does this).");
        }

        _port = FreePorts.Reserve(1);
        _dir = Directory.CreateTempSubdirectory("jamicluster-pg-").FullName;
        var data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(data);
        // initdb refuses to run as root: as root, run the server as the postgres user.
        await RunAsync("chown", "-R", "postgres:postgres", _dir);
        await AsPostgresAsync(Path.Combine(_bin, "initdb"), "-D", data, "-U", "jamicluster", "--auth=trust", "-E", "UTF8");
        await StartAsync();
        await RunAsync(Path.Combine(_bin, "createdb"), "-h", "127.0.0.1", "-p", _port.ToString(), "-U", "jamicluster", "jamicluster");
    }

    /// <summary>
    /// Starts a silo process in PostgreSql mode on this database (two heads); <paramref name="clusterId"/> keeps one
    /// test's silos apart from another's, <paramref name="extra"/> adds configuration keys.
    /// </summary>
    public Task<SiloProcess> StartSiloAsync(bool applySchema, string? clusterId = null, IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["JamiCluster:Cluster:Mode"] = "PostgreSql",
            ["JamiCluster:Cluster:ConnectionString"] = ConnectionString,
            ["JamiCluster:Cluster:ApplySchema"] = applySchema ? "true" : "false",
        };
        if (clusterId is not null)
        {
            settings["JamiCluster:Cluster:ClusterId"] = clusterId;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return SiloProcess.StartAsync(settings, headCount: 2);
    }

    /// <summary>Stops the server (an outage); <see cref="StartAsync"/> brings it back with its data.</summary>
    public Task StopAsync() => AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "stop");

    /// <summary>Starts the server again after <see cref="StopAsync"/>.</summary>
    public Task StartAsync() => AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_dir, "data"), "-l", Path.Combine(_dir, "pg.log"), "-w",
        "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_dir} -c max_connections=200", "start");

    /// <summary>Runs a scalar query with psql (the test project needs no database driver).</summary>
    public async Task<string> QueryAsync(string sql)
    {
        var info = new ProcessStartInfo(Path.Combine(_bin, "psql")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", "127.0.0.1", "-p", _port.ToString(), "-U", "jamicluster", "-d", "jamicluster", "-tAc", sql })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_dir.Length == 0)
        {
            return;
        }

        try
        {
            await AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_dir, "data"), "-m", "immediate", "stop");
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static Task AsPostgresAsync(string program, params string[] args) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException(program + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
