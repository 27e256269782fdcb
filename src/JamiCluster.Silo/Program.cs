using JamiCluster.Silo.Cluster;
using JamiCluster.Silo.Edge;
using JamiCluster.Silo.Hosting;
using JamiCluster.Silo.Names;
using JamiCluster.Silo.Proxy;
using Microsoft.Extensions.Configuration;

// A JamiCluster silo: Orleans (cluster mode from JamiCluster:Cluster), the UDP DHT edge (JamiCluster:Edge) and
// the name server (JamiCluster:NameServer, policy in JamiCluster:Names).
// `db init` applies the PostgreSQL schema and exits.
// Content root = the app folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
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
builder.AddNames();
builder.AddProxy();
builder.AddHttpServer();

await using var app = builder.Build();
if (!ClusterSetup.IsPostgreSql(options))
{
    ClusterLog.EmbeddedMode(app.Services.GetRequiredService<ILogger<ClusterOptions>>());
}

app.MapNames();
app.MapProxy();
await app.RunAsync();
return 0;
