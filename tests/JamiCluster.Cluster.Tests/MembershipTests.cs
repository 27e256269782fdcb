using System.Text.RegularExpressions;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Cluster.Tests;

/// <summary>Silo processes forming one cluster through PostgreSQL membership (the project's own schema).</summary>
public sealed class MembershipTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task ThreeSilosJoin_FourthJoinsLater_TakesGrainsAndServesTheSharedKeyspace()
    {
        // The first silo applies the schema; the others find it there.
        _silos.Add(await StartAsync(applySchema: true));
        var rest = await Task.WhenAll(StartAsync(applySchema: false), StartAsync(applySchema: false));
        _silos.AddRange(rest);
        foreach (var silo in _silos)
        {
            await WaitForActiveAsync(silo, 3);
        }

        var fourth = await StartAsync(applySchema: false);
        _silos.Add(fourth);
        foreach (var silo in _silos)
        {
            await WaitForActiveAsync(silo, 4);
        }

        // Values put through the newcomer's head land in buckets across the cluster (some of them on the newcomer)
        // and are got through the first silo's head.
        using var client = new RawDhtClient();
        for (var i = 0; i < 48; i++)
        {
            var key = InfoHash.Random();
            var value = TestValues.Unsigned((ulong)(500 + i), System.Text.Encoding.UTF8.GetBytes($"through postgres membership {i}"));
            var token = await client.TokenAsync(fourth.Head(), key);
            Assert.Equal(MessageKind.Reply, (await client.PutAsync(fourth.Head(), key, value, token))?.Message.Kind);
            var got = await client.GetAsync(_silos[0].Head(), key);
            Assert.Equal(value, Assert.Single(got!.Values));
        }

        Assert.Contains("activated on this silo", fourth.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoreRoleSilo_JoinsWithoutUdpHeads()
    {
        // Its own deployment in the shared database, apart from the other test's silos.
        var edge = await SiloProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["JamiCluster:Cluster:Mode"] = "PostgreSql",
                ["JamiCluster:Cluster:ConnectionString"] = postgres.ConnectionString,
                ["JamiCluster:Cluster:ApplySchema"] = "true",
                ["JamiCluster:Cluster:ClusterId"] = "core-role",
            },
            headCount: 2);
        _silos.Add(edge);
        var core = await SiloProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["JamiCluster:Cluster:Mode"] = "PostgreSql",
                ["JamiCluster:Cluster:ConnectionString"] = postgres.ConnectionString,
                ["JamiCluster:Cluster:Role"] = "core",
                ["JamiCluster:Cluster:ClusterId"] = "core-role",
            },
            headCount: 2,
            edge: false);
        _silos.Add(core);
        await WaitForActiveAsync(core, 2);
        await WaitForActiveAsync(edge, 2);

        // Nothing listens on the core silo's head ports.
        using var client = new RawDhtClient();
        Assert.Null(await client.PingAsync(core.Head(), TimeSpan.FromSeconds(1)));
        Assert.DoesNotContain("Point Jami at this cluster", core.Log, StringComparison.Ordinal);
    }

    private Task<SiloProcess> StartAsync(bool applySchema) =>
        postgres.StartSiloAsync(applySchema, extra: new Dictionary<string, string> { ["Logging:LogLevel:JamiCluster.Grains"] = "Debug" });

    /// <summary>Waits for the membership log line that counts <paramref name="count"/> active silos.</summary>
    private static async Task WaitForActiveAsync(SiloProcess silo, int count)
    {
        var pattern = new Regex($@"Cluster membership version \d+: {count} active silos");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!pattern.IsMatch(silo.Log))
        {
            Assert.True(DateTime.UtcNow < deadline, $"silo {silo.Pid} never saw {count} active silos:\n{silo.Log}");
            await Task.Delay(250);
        }
    }
}
