using JamiCluster.Dht.Wire;

namespace JamiCluster.Cluster.Tests;

/// <summary>
/// PostgreSQL goes away: the DHT keeps being served from memory (puts acknowledged, gets answered), and when the
/// database is back the values put meanwhile are journaled without anyone restarting anything. Names, which must
/// not be acknowledged unless stored, are refused with 503 and Retry-After meanwhile.
/// </summary>
public sealed class DatabaseOutageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(
        new Dictionary<string, string>
        {
            // No Mode: the connection string alone selects PostgreSQL.
            ["JamiCluster:Cluster:ConnectionString"] = postgres.ConnectionString + ";Timeout=2;Command Timeout=2",
            ["JamiCluster:Cluster:ApplySchema"] = "true",
            // Each test is its own deployment: the previous test's silo is no member this one waits for.
            ["JamiCluster:Cluster:ClusterId"] = $"outage-{Guid.NewGuid():N}",
        },
        headCount: 1);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task DatabaseDown_PutsAndGetsStillServed_JournaledWhenItReturns()
    {
        using var client = new RawDhtClient();
        await postgres.StopAsync();
        var values = new List<(InfoHash Key, byte[] Value)>();
        for (var i = 0; i < 20; i++)
        {
            var key = InfoHash.Random();
            var value = TestValues.Unsigned((ulong)(7000 + i), System.Text.Encoding.UTF8.GetBytes($"during the outage {i}"));
            var token = await client.TokenAsync(_silo.Head(), key);
            var ack = await client.PutAsync(_silo.Head(), key, value, token, TimeSpan.FromSeconds(6));
            Assert.Equal(MessageKind.Reply, ack?.Message.Kind);
            var got = await client.GetAsync(_silo.Head(), key);
            Assert.Equal(value, Assert.Single(got!.Values));
            values.Add((key, value));
        }

        Assert.Contains("value journal (database) is unavailable", _silo.Log, StringComparison.Ordinal);
        await postgres.StartAsync();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var ids = string.Join(",", values.Select((_, i) => 7000 + i));
        string count;
        do
        {
            await Task.Delay(500);
            count = await postgres.QueryAsync($"SELECT count(*) FROM jc_dht_values WHERE value_id IN ({ids})");
        }
        while (count != "20" && DateTime.UtcNow < deadline);

        Assert.Equal("20", count);
        Assert.True(_silo.IsRunning);
    }

    [Fact]
    public async Task DatabaseDown_Registrations503RetryAfter_LoadedNamesStillResolve_RegistersWhenBack()
    {
        using var client = new NameClient(_silo.NameServer);
        var (known, later) = (new NameAccount(), new NameAccount());
        var (knownName, laterName) = (NameAccount.NewName("known"), NameAccount.NewName("later"));
        Assert.Equal(200, (await client.PostAsync("/name/" + knownName, known.Body(knownName))).Status);

        await postgres.StopAsync();
        NameClient.Reply refused;
        NameClient.Reply lookup;
        try
        {
            refused = await client.PostAsync("/name/" + laterName, later.Body(laterName));
            lookup = await client.GetAsync("/name/" + knownName);
        }
        finally
        {
            await postgres.StartAsync();
        }

        Assert.Equal(503, refused.Status);
        Assert.Equal("server error", refused.Json["error"]!.GetValue<string>());
        Assert.NotNull(refused.RetryAfter);
        Assert.Equal("0x" + known.Addr, lookup.Json["addr"]!.GetValue<string>());

        // Back: the same registration goes through, nothing half-done is left from the failed one.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var retried = await client.PostAsync("/name/" + laterName, later.Body(laterName));
        while (retried.Status == 503 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            retried = await client.PostAsync("/name/" + laterName, later.Body(laterName));
        }

        Assert.Equal(200, retried.Status);
        Assert.Equal(laterName, (await client.GetAsync("/addr/" + later.Addr)).Json["name"]!.GetValue<string>());
        Assert.Equal("1", await postgres.QueryAsync($"SELECT count(*) FROM jc_names WHERE name = '{laterName}'"));
    }
}
