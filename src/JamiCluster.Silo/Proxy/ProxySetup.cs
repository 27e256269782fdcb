using JamiCluster.Silo.Hosting;
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
        if (HttpSetup.IsCoreSilo(builder.Configuration))
        {
            builder.Services.PostConfigure<ProxyOptions>(o => o.Enabled = false);
        }

        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ProxyOptions>>((kestrel, proxy) =>
        {
            if (proxy.Value.Enabled)
            {
                HttpSetup.Listen(kestrel, proxy.Value.Port, proxy.Value.BindAddresses);
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
