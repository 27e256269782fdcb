using JamiCluster.Dht.Values;
using JamiCluster.Grains.Keyspace;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace JamiCluster.Silo.Cluster;

/// <summary>Orleans wiring for the selected cluster mode.</summary>
public static class ClusterSetup
{
    /// <summary>Adds the Orleans silo and the keyspace services.</summary>
    public static IHostApplicationBuilder AddCluster(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        builder.Services.AddOptions<ClusterOptions>().Bind(builder.Configuration.GetSection(ClusterOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<KeyspaceOptions>().Bind(builder.Configuration.GetSection(KeyspaceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => CreateTypes(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<KeyspaceOptions>>().Value));

        builder.UseOrleans(silo =>
        {
            if (!string.Equals(options.Mode, "Embedded", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"JamiCluster:Cluster:Mode '{options.Mode}' is not supported by this build; use Embedded (env JamiCluster__Cluster__Mode).");
            }

            var primary = options.PrimarySiloPort == 0 ? null : new IPEndPoint(IPAddress.Loopback, options.PrimarySiloPort);
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary, options.ServiceId, options.ClusterId);
            silo.AddMemoryGrainStorage("keyspace");
        });
        return builder;
    }

    /// <summary>2.4.12's value types plus the operator's lifetimes from configuration.</summary>
    internal static ValueTypeRegistry CreateTypes(KeyspaceOptions options)
    {
        var extra = new List<ValueTypeSpec>();
        foreach (var (id, seconds) in options.TypeLifetimes)
        {
            if (ulong.TryParse(id, out var typeId) && seconds > 0)
            {
                extra.Add(new ValueTypeSpec(typeId, "configured", TimeSpan.FromSeconds(seconds), false, EditPolicy.Reject));
            }
        }

        return new ValueTypeRegistry(extra);
    }
}
