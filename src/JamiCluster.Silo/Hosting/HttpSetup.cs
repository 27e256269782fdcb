using JamiCluster.Silo.Cluster;
using JamiCluster.Silo.Names;
using JamiCluster.Silo.Proxy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace JamiCluster.Silo.Hosting;

/// <summary>Decides whether this silo runs an HTTP server at all.</summary>
public static class HttpSetup
{
    /// <summary>Replaces Kestrel with <see cref="NoHttpServer"/> when no HTTP surface is enabled here.</summary>
    public static IHostApplicationBuilder AddHttpServer(this IHostApplicationBuilder builder)
    {
        var names = builder.Configuration.GetSection(NameServerOptions.Section).Get<NameServerOptions>() ?? new NameServerOptions();
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        if (IsCoreSilo(builder.Configuration) || (!names.Enabled && !proxy.Enabled))
        {
            builder.Services.AddSingleton<IServer, NoHttpServer>();
        }

        return builder;
    }

    /// <summary>True when this silo has the core role (grains only: no UDP heads, no HTTP listeners).</summary>
    public static bool IsCoreSilo(IConfiguration configuration)
    {
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        return string.Equals(cluster.Role, "core", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Adds one Kestrel listener per bind address on <paramref name="port"/>, or every address when none is given.</summary>
    public static void Listen(KestrelServerOptions kestrel, int port, IReadOnlyList<string> bindAddresses)
    {
        if (bindAddresses.Count == 0)
        {
            kestrel.ListenAnyIP(port);
        }

        foreach (var address in bindAddresses)
        {
            kestrel.Listen(IPAddress.Parse(address), port);
        }
    }
}
