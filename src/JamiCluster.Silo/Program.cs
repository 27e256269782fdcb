using JamiCluster.Silo.Cluster;
using JamiCluster.Silo.Edge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// A JamiCluster silo: Orleans (cluster mode from JamiCluster:Cluster) and the UDP DHT edge (JamiCluster:Edge).
// `db init` applies the PostgreSQL schema and exits.
// Content root = the app folder, so appsettings.json is found whatever the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var options = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
if (string.Equals(options.Mode, "Auto", StringComparison.OrdinalIgnoreCase))
{
    // A connection string (config file, environment or command line) is what selects PostgreSQL.
    var configured = !string.IsNullOrEmpty(options.ConnectionString) || !string.IsNullOrEmpty(builder.Configuration.GetConnectionString("JamiCluster"));
    options.Mode = configured ? "PostgreSql" : "Embedded";
    builder.Configuration[$"{ClusterOptions.Section}:Mode"] = options.Mode;
}

if (args is ["db", "init", ..])
{
    await SchemaInstaller.ApplyAsync(ClusterSetup.ConnectionString(builder.Configuration, options));
    Console.WriteLine("PostgreSQL schema applied.");
    return 0;
}

if (ClusterSetup.IsPostgreSql(options) && options.ApplySchema)
{
    await SchemaInstaller.ApplyAsync(ClusterSetup.ConnectionString(builder.Configuration, options));
}

builder.AddCluster();
builder.AddEdge();

using var host = builder.Build();
if (!ClusterSetup.IsPostgreSql(options))
{
    ClusterLog.EmbeddedMode(host.Services.GetRequiredService<ILogger<ClusterOptions>>());
}

await host.RunAsync();
return 0;
