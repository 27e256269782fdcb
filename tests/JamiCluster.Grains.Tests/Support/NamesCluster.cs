using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace JamiCluster.Grains.Tests.Support;

/// <summary>
/// Two in-process silos running the name grains. <see cref="SharedStore"/> is one store for both silos (as
/// PostgreSQL is); <see cref="SeparateStoresCluster"/> gives each silo its own, so only the grains can keep the rules.
/// </summary>
public class NamesCluster : IAsyncLifetime
{
    private readonly bool _shared;

    /// <summary>A cluster whose silos share one store.</summary>
    public NamesCluster()
        : this(shared: true)
    {
    }

    /// <summary>Creates the fixture.</summary>
    protected NamesCluster(bool shared) => _shared = shared;

    /// <summary>The store both silos use (when shared).</summary>
    public MemoryNameStore SharedStore { get; } = new();

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The cluster client's grain factory.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The default name policy.</summary>
    public static NameRules Rules { get; } = new(Options.Create(new NamesOptions()));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            if (_shared)
            {
                silo.Services.AddSingleton<INameStore>(SharedStore);
            }
            else
            {
                silo.Services.AddSingleton<INameStore, MemoryNameStore>();
            }

            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddSingleton(Options.Create(new NamesOptions()));
            silo.Services.AddSingleton<NameRules>();
            silo.Services.AddSingleton<RegistrationVerifier>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>Each silo with its own store (embedded mode with two silos).</summary>
public sealed class SeparateStoresCluster() : NamesCluster(shared: false);

/// <summary>Tests sharing the shared-store cluster.</summary>
[CollectionDefinition(Name)]
public sealed class NamesCollection : ICollectionFixture<NamesCluster>
{
    /// <summary>Collection name.</summary>
    public const string Name = "names";
}
