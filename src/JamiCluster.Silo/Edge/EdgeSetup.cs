using Microsoft.Extensions.Hosting;

namespace JamiCluster.Silo.Edge;

/// <summary>Registers the UDP edge.</summary>
public static class EdgeSetup
{
    /// <summary>Adds the heads, their shared context and the hosted service that runs them.</summary>
    public static IHostApplicationBuilder AddEdge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EdgeOptions>().Bind(builder.Configuration.GetSection(EdgeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        builder.Services.AddSingleton<EdgeMetrics>();
        builder.Services.AddSingleton<HeadDirectory>();
        builder.Services.AddSingleton<LocalListeners>();
        builder.Services.AddSingleton<EdgeContext>();
        builder.Services.AddSingleton<EdgeService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EdgeService>());
        return builder;
    }
}
