namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>
/// One embedded silo shared by the interop tests of a collection. Value type 777 gets a 4-second lifetime so expiry
/// notifications can be observed quickly (the peers register the same type locally).
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    /// <summary>Short-lived test value type.</summary>
    public const int ShortType = 777;

    /// <summary>Its lifetime in seconds.</summary>
    public const int ShortTypeLifetime = 4;

    /// <summary>The running silo.</summary>
    public SiloProcess Silo { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            [$"JamiCluster:Keyspace:TypeLifetimes:{ShortType}"] = ShortTypeLifetime.ToString(),
            // Every name-server test registers from 127.0.0.1; the limit itself is tested on a silo of its own.
            ["JamiCluster:NameServer:RegistrationsPerMinutePerIp"] = "10000",
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

/// <summary>Tests sharing one silo.</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "silo";
}
