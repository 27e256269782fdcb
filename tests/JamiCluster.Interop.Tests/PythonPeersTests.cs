namespace JamiCluster.Interop.Tests;

/// <summary>
/// Real python3-opendht 2.4.12 peers against a silo: a swarm of 20 that put inline, fragmented and signed values
/// and all get each other's; persistence after they leave; listen latency and expiry; the signed edit rule.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class PythonPeersTests(SiloFixture fixture, ITestOutputHelper output)
{
    private string[] Bootstrap => [fixture.Silo.Bootstrap()];

    [Fact]
    public async Task Swarm_TwentyPeers_EveryPeerGetsEveryValue_AndAFreshPeerAfterThemAll()
    {
        await SwarmAndVerifyAsync(fixture.Silo, output);
    }

    [Fact]
    public async Task Listen_ValuePutByAnotherPeer_NotifiedWithinOneSecond_AndExpiryNotified()
    {
        // --listener-lifetime-s 60: the listener keeps the value 60 s itself, so only the silo's exp update can end it
        // at the 4 s lifetime the silo gives type 777.
        var run = await PythonPeers.RunAsync(
            Bootstrap,
            ["listen", "--type-id", SiloFixture.ShortType.ToString(), "--lifetime-s", SiloFixture.ShortTypeLifetime.ToString(), "--listener-lifetime-s", "60", "--putter", "raw"],
            TimeSpan.FromSeconds(60),
            output);
        var result = run.Result();
        Assert.True(result.GetProperty("notified").GetBoolean());
        Assert.True(result.GetProperty("data_ok").GetBoolean());
        Assert.InRange(result.GetProperty("notify_ms").GetDouble(), 0, 1000);
        Assert.True(result.GetProperty("expired").GetBoolean(), "the silo's expiry update did not reach the listener");
        // Expiry is swept every second: between the lifetime and lifetime + a few seconds.
        Assert.InRange(result.GetProperty("expiry_ms").GetDouble(), SiloFixture.ShortTypeLifetime * 1000 - 500, (SiloFixture.ShortTypeLifetime + 4) * 1000);
    }

    [Fact]
    public async Task SignedEdit_HigherSeqReplaces_ForeignOwnerLowerAndSameSeqRefused()
    {
        var run = await PythonPeers.RunAsync(Bootstrap, ["signed-edit"], TimeSpan.FromSeconds(90), output);
        run.Result();
        var checks = run.Lines.Where(l => l.TryGetProperty("check", out _)).ToDictionary(l => l.GetProperty("check").GetString()!, l => l.GetProperty("ok").GetBoolean());
        Assert.Equal(
            ["edit_A_seq1_lower_seq_refused", "edit_A_seq2_accepted", "edit_A_seq2_same_seq_other_data_refused", "edit_B_seq3_foreign_owner_refused", "put_A_seq1"],
            checks.Keys.Order());
        Assert.All(checks, c => Assert.True(c.Value, c.Key));
    }

    /// <summary>
    /// 20 peers put and cross-get; after they shut down a fresh peer must still get every value the cluster holds.
    /// With <paramref name="clusterHoldsAll"/> (heads-only node lists) that is all 60: every put reaches the heads.
    /// </summary>
    internal static async Task SwarmAndVerifyAsync(SiloProcess silo, ITestOutputHelper output, bool clusterHoldsAll = true)
    {
        var file = Path.Combine(Path.GetTempPath(), $"swarm-{Guid.NewGuid():N}.json");
        try
        {
            var swarm = await PythonPeers.RunAsync(
                [silo.Bootstrap()],
                ["swarm", "--peers", "20", "--prefix", $"swarm-{Guid.NewGuid():N}", "--out", file, "--parallel", "128"],
                TimeSpan.FromSeconds(150),
                output);
            var result = swarm.Result();
            Assert.Equal(60, result.GetProperty("values").GetInt32());
            Assert.Equal(0, result.GetProperty("puts_failed").GetInt32());
            var gets = result.GetProperty("gets");
            Assert.Equal(1140, gets.GetProperty("expected").GetInt32());
            Assert.Equal(0, gets.GetProperty("missing").GetInt32());
            var stored = result.GetProperty("stored_on_bootstrap").GetInt32();
            if (clusterHoldsAll)
            {
                Assert.Equal(60, stored);
            }

            // The putters are gone: every value the cluster held must still come from it.
            var verify = await PythonPeers.RunAsync(
                [silo.Bootstrap(1)], ["verify", "--in", file, "--require", clusterHoldsAll ? "all" : "stored"], TimeSpan.FromSeconds(120), output);
            var verified = verify.Result();
            Assert.Equal(60, verified.GetProperty("listed").GetInt32());
            Assert.Equal(0, verified.GetProperty("required_missing").GetInt32());
            Assert.True(verified.GetProperty("got").GetInt32() >= stored);
            if (clusterHoldsAll)
            {
                Assert.Equal(60, verified.GetProperty("got").GetInt32());
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>
/// The same swarm against a silo that also lists client peers in its node lists (<c>ListPeers</c>). Peers then put to
/// the 8 nodes closest to each key, which may all be clients: such a value never reaches the cluster and leaves with
/// them (the reason heads-only is the default). Every value the cluster did take must outlive the peers.
/// </summary>
public sealed class ListPeersModeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await SiloProcess.StartAsync(new Dictionary<string, string> { ["JamiCluster:Edge:ListPeers"] = "true" });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Swarm_WithPeersListed_EveryPeerGetsEveryValue_AndAFreshPeerAfterThemAll() =>
        await PythonPeersTests.SwarmAndVerifyAsync(_silo, output, clusterHoldsAll: false);
}
