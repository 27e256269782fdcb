using JamiCluster.Silo.Cluster;
using JamiCluster.Silo.Edge;
using Microsoft.Extensions.Hosting;

// A JamiCluster silo: Orleans (cluster mode from JamiCluster:Cluster) and the UDP DHT edge (JamiCluster:Edge).
// Content root = the app folder, so appsettings.json is found whatever the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddCluster();
builder.AddEdge();

using var host = builder.Build();
var options = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
if (string.Equals(options.Mode, "Embedded", StringComparison.OrdinalIgnoreCase))
{
    ClusterLog.EmbeddedMode(host.Services.GetRequiredService<ILogger<ClusterOptions>>());
}

await host.RunAsync();
