using JamiCluster.Dht.Values;
using JamiCluster.Grains.Keyspace;
using JamiCluster.Grains.Names;
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

        if (string.Equals(options.Role, "core", StringComparison.OrdinalIgnoreCase))
        {
            // Core silos host grains only.
            builder.Services.PostConfigure<Edge.EdgeOptions>(edge => edge.Enabled = false);
        }

        builder.Services.AddHostedService<MembershipLogService>();
        builder.Services.AddSingleton<KeyspaceMetrics>();
        if (IsPostgreSql(options))
        {
            var connection = ConnectionString(builder.Configuration, options);
            builder.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connection));
            builder.Services.AddSingleton<IValueJournal, PostgresValueJournal>();
            builder.Services.AddSingleton<INameStore, PostgresNameStore>();
        }
        else
        {
            builder.Services.AddSingleton<IValueJournal, NullValueJournal>();
            builder.Services.AddSingleton<INameStore, MemoryNameStore>();
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            if (IsPostgreSql(options))
            {
                var connection = ConnectionString(builder.Configuration, options);
                silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connection;
                });
                silo.AddAdoNetGrainStorage("keyspace", o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connection;
                });
                // Plain JSON state: readable in the table and independent of .NET type names.
                silo.UseSystemTextJsonGrainStorageSerializer();
                return;
            }

            if (!string.Equals(options.Mode, "Embedded", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"JamiCluster:Cluster:Mode '{options.Mode}' is unknown: use Embedded or PostgreSql (env JamiCluster__Cluster__Mode).");
            }

            var primary = options.PrimarySiloPort == 0 ? null : new IPEndPoint(IPAddress.Loopback, options.PrimarySiloPort);
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary, options.ServiceId, options.ClusterId);
            silo.AddMemoryGrainStorage("keyspace");
        });
        return builder;
    }

    /// <summary>True when the silo runs on PostgreSQL.</summary>
    public static bool IsPostgreSql(ClusterOptions options) => string.Equals(options.Mode, "PostgreSql", StringComparison.OrdinalIgnoreCase);

    /// <summary>The PostgreSQL connection string from the options or <c>ConnectionStrings:JamiCluster</c>.</summary>
    public static string ConnectionString(IConfiguration configuration, ClusterOptions options)
    {
        var connection = string.IsNullOrEmpty(options.ConnectionString) ? configuration.GetConnectionString("JamiCluster") : options.ConnectionString;
        return string.IsNullOrEmpty(connection)
            ? throw new InvalidOperationException("PostgreSql mode needs JamiCluster:Cluster:ConnectionString (env JamiCluster__Cluster__ConnectionString) or ConnectionStrings:JamiCluster.")
            : connection;
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
