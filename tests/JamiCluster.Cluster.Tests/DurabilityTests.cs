using System.Diagnostics;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Cluster.Tests;

/// <summary>
/// Acknowledged puts are journaled in PostgreSQL before the ack: they survive SIGKILL of the silo that held them
/// and a restart of the whole cluster.
/// </summary>
public sealed class DurabilityTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];

    // Each test is its own deployment in the shared database, so one test's killed silos are not another's members.
    private readonly string _clusterId = $"durability-{Guid.NewGuid():N}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task SigkillOneSilo_EveryAcknowledgedPutStillGettableThroughSurvivors()
    {
        _silos.Add(await StartAsync(applySchema: true));
        _silos.AddRange(await Task.WhenAll(StartAsync(applySchema: false), StartAsync(applySchema: false)));

        using var client = new RawDhtClient();
        var acknowledged = await PutManyAsync(client, count: 150, "kill");

        _silos[1].Kill();
        var clock = Stopwatch.StartNew();
        var lost = await GetAllAsync(client, acknowledged, [_silos[0], _silos[2]], TimeSpan.FromSeconds(90));
        output.WriteLine($"acknowledged {acknowledged.Count}, lost {lost}, service whole again {clock.Elapsed.TotalSeconds:F1} s after SIGKILL");
        Assert.Equal(150, acknowledged.Count);
        Assert.Equal(0, lost);
    }

    [Fact]
    public async Task StopEverySilo_StartAgain_ValuesStillThere()
    {
        _silos.Add(await StartAsync(applySchema: true));
        using var client = new RawDhtClient();
        var acknowledged = await PutManyAsync(client, count: 60, "restart");
        await _silos[0].StopAsync(TimeSpan.FromSeconds(30));
        await _silos[0].DisposeAsync();
        _silos.Clear();

        _silos.Add(await StartAsync(applySchema: false));
        var lost = await GetAllAsync(client, acknowledged, [_silos[0]], TimeSpan.FromSeconds(30));
        Assert.Equal(0, lost);
    }

    private async Task<List<(InfoHash Key, byte[] Value)>> PutManyAsync(RawDhtClient client, int count, string tag)
    {
        var acknowledged = new List<(InfoHash, byte[])>();
        for (var i = 0; i < count; i++)
        {
            var silo = _silos[i % _silos.Count];
            var key = InfoHash.Random();
            var value = TestValues.Unsigned((ulong)(10_000 + i), System.Text.Encoding.UTF8.GetBytes($"{tag} {i}"));
            var token = await client.TokenAsync(silo.Head(), key);
            if ((await client.PutAsync(silo.Head(), key, value, token))?.Message.Kind == MessageKind.Reply)
            {
                acknowledged.Add((key, value));
            }
        }

        return acknowledged;
    }

    /// <summary>Gets every value through the given silos until all came back or the deadline; returns how many never did.</summary>
    private static async Task<int> GetAllAsync(RawDhtClient client, List<(InfoHash Key, byte[] Value)> values, SiloProcess[] through, TimeSpan deadline)
    {
        var missing = new List<(InfoHash Key, byte[] Value)>(values);
        var until = DateTime.UtcNow + deadline;
        var turn = 0;
        while (missing.Count > 0 && DateTime.UtcNow < until)
        {
            var still = new List<(InfoHash, byte[])>();
            foreach (var (key, value) in missing)
            {
                var reply = await client.GetAsync(through[turn++ % through.Length].Head(), key, timeout: TimeSpan.FromSeconds(2));
                if (reply is null || !reply.Values.Exists(v => v.AsSpan().SequenceEqual(value)))
                {
                    still.Add((key, value));
                }
            }

            missing = still;
            if (missing.Count > 0)
            {
                await Task.Delay(500);
            }
        }

        return missing.Count;
    }

    private Task<SiloProcess> StartAsync(bool applySchema) => postgres.StartSiloAsync(applySchema, _clusterId);
}
