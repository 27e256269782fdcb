using JamiCluster.Dht.Wire;

namespace JamiCluster.Interop.Tests;

/// <summary>
/// Two silo processes in one cluster: the keyspace is shared, so a value put through a head of silo 1 is got through a
/// head of silo 2, and a listener registered through silo 2 hears a put made through silo 1.
/// </summary>
public sealed class TwoSiloTests : IAsyncLifetime
{
    private SiloProcess _first = null!;
    private SiloProcess _second = null!;

    public async Task InitializeAsync()
    {
        _first = await SiloProcess.StartAsync(headCount: 2);
        _second = await SiloProcess.StartAsync(headCount: 2, primarySiloPort: _first.SiloPort);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task PutThroughSiloOne_GetThroughSiloTwo_ReturnsValue()
    {
        using var client = new RawDhtClient();
        // Many keys, so they land in buckets whose grains live on either silo.
        for (var i = 0; i < 16; i++)
        {
            var key = InfoHash.Random();
            var value = TestValues.Unsigned((ulong)(1000 + i), System.Text.Encoding.UTF8.GetBytes($"cross-silo {i}"));
            var token = await client.TokenAsync(_first.Head(), key);
            var ack = await client.PutAsync(_first.Head(), key, value, token);
            Assert.Equal(MessageKind.Reply, ack?.Message.Kind);

            var got = await client.GetAsync(_second.Head(1), key);
            Assert.NotNull(got);
            Assert.Single(got.Values);
            Assert.Equal(value, got.Values[0]);
        }
    }

    [Fact]
    public async Task ListenThroughSiloTwo_PutThroughSiloOne_ListenerHearsIt()
    {
        using var listener = new RawDhtClient();
        using var putter = new RawDhtClient();
        var key = InfoHash.Random();
        var listenToken = await listener.TokenAsync(_second.Head(), key);
        var listenReply = await listener.ListenAsync(_second.Head(), key, listenToken, sid: 5);
        Assert.Equal(MessageKind.Reply, listenReply?.Message.Kind);

        var value = TestValues.Unsigned(77, "heard across silos"u8.ToArray());
        var token = await putter.TokenAsync(_first.Head(1), key);
        var ack = await putter.PutAsync(_first.Head(1), key, value, token);
        Assert.Equal(MessageKind.Reply, ack?.Message.Kind);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var update = await listener.Updates.ReadAsync(timeout.Token);
        Assert.Equal(QueryVerb.Update, update.Message.Verb);
        Assert.Equal(5u, update.Message.Sid);
        Assert.Equal(key, update.Message.Hash);
        Assert.Equal(value, Assert.Single(update.Values));
        // The update comes from the head the listen went to, with its node id (2.4.12 matches updates by id and sid).
        var pong = await listener.PingAsync(_second.Head());
        Assert.Equal(pong!.Message.Id, update.Message.Id);
    }

    [Fact]
    public async Task FindReply_ForAnyKey_TheTwoClosestHeadsAreOnDifferentSilos()
    {
        // Wait until silo 1 lists silo 2's heads (directory refresh), then check many keys.
        await FindReply_ListsHeadsOfBothSilos();
        using var client = new RawDhtClient();
        for (var i = 0; i < 40; i++)
        {
            var target = InfoHash.Random();
            var reply = await client.FindAsync(_first.Head(i % 2), target);
            var nodes = new List<NodeAddress>();
            Assert.True(CompactNodes.TryRead(reply!.Message.N4.Span, v6: false, nodes));
            Assert.Equal(4, nodes.Count);
            // Entries are sorted closest first; ports tell the silo (each silo has a consecutive pair).
            var silos = nodes.Take(2).Select(n => n.Port >= _second.BasePort && n.Port < _second.BasePort + 2 ? 2 : 1).ToArray();
            Assert.NotEqual(silos[0], silos[1]);
        }
    }

    [Fact]
    public async Task FindReply_ListsHeadsOfBothSilos()
    {
        // Each edge refreshes its copy of the head directory every 5 s: poll well past that.
        using var client = new RawDhtClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        HashSet<int> ports;
        do
        {
            var reply = await client.FindAsync(_first.Head(), InfoHash.Random());
            Assert.NotNull(reply);
            var nodes = new List<NodeAddress>();
            Assert.True(CompactNodes.TryRead(reply.Message.N4.Span, v6: false, nodes));
            ports = nodes.Select(n => (int)n.Port).ToHashSet();
            if (ports.Contains(_second.BasePort))
            {
                break;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Contains(_first.BasePort, ports);
        Assert.Contains(_second.BasePort, ports);
    }
}
