using JamiCluster.Grains.Names;
using JamiCluster.Silo.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace JamiCluster.Silo.Names;

/// <summary>Registers the name directory (grain services on every silo) and its HTTP listener (edge silos).</summary>
public static class NameServerSetup
{
    /// <summary>Adds the name policy, the verifier, the operator directory and, when enabled, the name-server listener.</summary>
    public static IHostApplicationBuilder AddNames(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NamesOptions>().Bind(builder.Configuration.GetSection(NamesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<NameServerOptions>().Bind(builder.Configuration.GetSection(NameServerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<NameRules>();
        builder.Services.AddSingleton<RegistrationVerifier>();
        builder.Services.AddSingleton<NameDirectory>();
        builder.Services.AddSingleton<NamesMetrics>();
        builder.Services.AddSingleton<NameLookupCache>();
        builder.Services.AddSingleton<NameEndpoints>();

        if (HttpSetup.IsCoreSilo(builder.Configuration))
        {
            // Core silos host grains only.
            builder.Services.PostConfigure<NameServerOptions>(o => o.Enabled = false);
        }

        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<NameServerOptions>>((kestrel, names) =>
        {
            if (names.Value.Enabled)
            {
                HttpSetup.Listen(kestrel, names.Value.Port, names.Value.BindAddresses);
            }
        });
        return builder;
    }

    /// <summary>Serves the name-server protocol on its port.</summary>
    public static IApplicationBuilder MapNames(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<NameServerOptions>>().Value;
        var logger = app.ApplicationServices.GetRequiredService<ILogger<NameEndpoints>>();
        if (!app.ApplicationServices.GetRequiredService<INameStore>().IsDurable)
        {
            NamesLog.NotDurable(logger);
        }

        if (!options.Enabled)
        {
            return app;
        }

        var endpoints = app.ApplicationServices.GetRequiredService<NameEndpoints>();
        app.MapWhen(context => context.Connection.LocalPort == options.Port, branch =>
        {
            if (options.PathBase.Length > 0)
            {
                branch.UsePathBase(options.PathBase);
            }

            branch.Run(endpoints.HandleAsync);
        });
        NamesLog.Listening(logger, options.Port, options.PathBase);
        return app;
    }
}
