using System.Text.Json.Nodes;

namespace JamiCluster.Cluster.Tests;

/// <summary>
/// The name directory on PostgreSQL-backed silo processes: races between silos are decided once, and records
/// survive a restart of the whole cluster.
/// </summary>
public sealed class NameServerClusterTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];
    private readonly string _clusterId = $"names-{Guid.NewGuid():N}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoSilos_ConcurrentRegistrationsOfOneName_ExactlyOneWinsBothResolveIt()
    {
        await StartSilosAsync(2);
        using var a = new NameClient(_silos[0].NameServer);
        using var b = new NameClient(_silos[1].NameServer);
        await Task.WhenAll(a.GetAsync("/name/warm-up"), b.GetAsync("/name/warm-up"));

        const int Rounds = 12;
        for (var round = 0; round < Rounds; round++)
        {
            var name = NameAccount.NewName($"race{round}");
            var (first, second) = (new NameAccount(), new NameAccount());
            var replies = await SimultaneouslyAsync(() => a.PostAsync("/name/" + name, first.Body(name)), () => b.PostAsync("/name/" + name, second.Body(name)));

            var statuses = replies.Select(r => r.Status).Order().ToArray();
            Assert.True(statuses is [200, 409], $"round {round}: {replies[0].Status} {replies[0].Body} / {replies[1].Status} {replies[1].Body}");
            var winner = replies[0].Status == 200 ? first : second;
            var loser = winner == first ? second : first;
            foreach (var client in new[] { a, b })
            {
                Assert.Equal("0x" + winner.Addr, (await client.GetAsync("/name/" + name)).Json["addr"]!.GetValue<string>());
                Assert.Equal(name, (await client.GetAsync("/addr/" + winner.Addr)).Json["name"]!.GetValue<string>());
                Assert.Equal(404, (await client.GetAsync("/addr/" + loser.Addr)).Status);
            }

            Assert.Equal($"1|{winner.Addr}", await postgres.QueryAsync($"SELECT count(*) || '|' || max(addr) FROM jc_names WHERE name = '{name}'"));
        }

        output.WriteLine($"{Rounds} rounds: one 200 and one 409 each, both silos resolve the winner, one row each");
    }

    [Fact]
    public async Task TwoSilos_ConcurrentNamesForOneAddress_ExactlyOneWins()
    {
        await StartSilosAsync(2);
        using var a = new NameClient(_silos[0].NameServer);
        using var b = new NameClient(_silos[1].NameServer);

        for (var round = 0; round < 8; round++)
        {
            var account = new NameAccount();
            var (one, two) = (NameAccount.NewName($"one{round}"), NameAccount.NewName($"two{round}"));
            var replies = await SimultaneouslyAsync(() => a.PostAsync("/name/" + one, account.Body(one)), () => b.PostAsync("/name/" + two, account.Body(two)));

            Assert.True(replies.Select(r => r.Status).Order().ToArray() is [200, 409], $"round {round}: {replies[0].Body} / {replies[1].Body}");
            var won = replies[0].Status == 200 ? one : two;
            Assert.Equal(won, (await b.GetAsync("/addr/" + account.Addr)).Json["name"]!.GetValue<string>());
            Assert.Equal("1", await postgres.QueryAsync($"SELECT count(*) FROM jc_names WHERE addr = '{account.Addr}'"));
        }
    }

    [Fact]
    public async Task Register_StopEverySilo_StartAgain_StillResolves()
    {
        await StartSilosAsync(2);
        var vector = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "name-server-testvector.json")))!.AsObject();
        var accounts = Enumerable.Range(0, 20).Select(_ => new NameAccount()).ToArray();
        var names = accounts.Select((_, i) => NameAccount.NewName($"keep{i}")).ToArray();
        using (var client = new NameClient(_silos[0].NameServer))
        {
            Assert.Equal(200, (await client.PostAsync("/name/alice-test", vector["request"]!["body"]!.DeepClone())).Status);
            for (var i = 0; i < accounts.Length; i++)
            {
                Assert.Equal(200, (await client.PostAsync("/name/" + names[i], accounts[i].Body(names[i]))).Status);
            }
        }

        foreach (var silo in _silos)
        {
            await silo.StopAsync(TimeSpan.FromSeconds(30));
            await silo.DisposeAsync();
        }

        _silos.Clear();
        _silos.Add(await postgres.StartSiloAsync(applySchema: false, _clusterId));

        using var after = new NameClient(_silos[0].NameServer);
        var lookup = await after.GetAsync("/name/alice-test");
        Assert.True(JsonNode.DeepEquals(vector["expected_lookup_response"], JsonNode.Parse(lookup.Body)), lookup.Body);
        for (var i = 0; i < accounts.Length; i++)
        {
            Assert.Equal("0x" + accounts[i].Addr, (await after.GetAsync("/name/" + names[i])).Json["addr"]!.GetValue<string>());
            Assert.Equal(names[i], (await after.GetAsync("/addr/" + accounts[i].Addr)).Json["name"]!.GetValue<string>());
        }

        // Still immutable after the restart: another key cannot take a name back.
        var thief = new NameAccount();
        Assert.Equal(409, (await after.PostAsync("/name/" + names[0], thief.Body(names[0]))).Status);
    }

    private async Task StartSilosAsync(int count)
    {
        _silos.Add(await postgres.StartSiloAsync(applySchema: true, _clusterId));
        for (var i = 1; i < count; i++)
        {
            _silos.Add(await postgres.StartSiloAsync(applySchema: false, _clusterId));
        }
    }

    /// <summary>Starts both requests at the same instant (after a shared barrier) and returns their replies in order.</summary>
    private static async Task<NameClient.Reply[]> SimultaneouslyAsync(Func<Task<NameClient.Reply>> first, Func<Task<NameClient.Reply>> second)
    {
        using var barrier = new Barrier(2);
        var one = Task.Run(() => { barrier.SignalAndWait(); return first(); });
        var two = Task.Run(() => { barrier.SignalAndWait(); return second(); });
        return await Task.WhenAll(one, two);
    }
}
