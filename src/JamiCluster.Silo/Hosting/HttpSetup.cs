using JamiCluster.Silo.Cluster;
using JamiCluster.Silo.Names;
using JamiCluster.Silo.Proxy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace JamiCluster.Silo.Hosting;

/// <summary>Decides whether this silo runs an HTTP server at all.</summary>
public static class HttpSetup
{
    /// <summary>Replaces Kestrel with <see cref="NoHttpServer"/> when no HTTP surface is enabled here.</summary>
    public static IHostApplicationBuilder AddHttpServer(this IHostApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        var names = builder.Configuration.GetSection(NameServerOptions.Section).Get<NameServerOptions>() ?? new NameServerOptions();
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var core = string.Equals(cluster.Role, "core", StringComparison.OrdinalIgnoreCase);
        if (core || (!names.Enabled && !proxy.Enabled))
        {
            builder.Services.AddSingleton<IServer, NoHttpServer>();
        }

        return builder;
    }
}
