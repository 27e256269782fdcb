using JamiCluster.Silo.Cluster;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace JamiCluster.Silo.Proxy;

/// <summary>Registers the DHT proxy listener (edge silos).</summary>
public static class ProxySetup
{
    /// <summary>Adds the proxy options, its endpoints and its Kestrel listener.</summary>
    public static IHostApplicationBuilder AddProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().Bind(builder.Configuration.GetSection(ProxyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ProxyEndpoints>();
        var cluster = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        if (string.Equals(cluster.Role, "core", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.PostConfigure<ProxyOptions>(o => o.Enabled = false);
        }

        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ProxyOptions>>((kestrel, proxy) =>
        {
            var options = proxy.Value;
            if (!options.Enabled)
            {
                return;
            }

            if (options.BindAddresses.Count == 0)
            {
                kestrel.ListenAnyIP(options.Port);
            }

            foreach (var address in options.BindAddresses)
            {
                kestrel.Listen(IPAddress.Parse(address), options.Port);
            }
        });
        return builder;
    }

    /// <summary>Serves the proxy API on its port.</summary>
    public static IApplicationBuilder MapProxy(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var endpoints = app.ApplicationServices.GetRequiredService<ProxyEndpoints>();
        app.MapWhen(context => context.Connection.LocalPort == options.Port, branch => branch.Run(endpoints.HandleAsync));
        ProxyLog.Listening(app.ApplicationServices.GetRequiredService<ILogger<ProxyEndpoints>>(), options.Port);
        return app;
    }
}
