namespace JamiCluster.Interop.Tests;

/// <summary>
/// The real OpenDHT 2.4.12 <c>dhtnode</c> bootstrapped from a silo: it becomes connected, and its put, get and listen
/// commands work through the silo. A second dhtnode is the other side, so neither can answer from its own storage.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class DhtnodeTests(SiloFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public void Bootstrap_FromSilo_ReachesConnectedWithTheHeadsAsGoodNodes()
    {
        using var node = DhtnodeProcess.Start(fixture.Silo.Bootstrap());
        var good = node.WaitConnected(Wait);
        Assert.True(good >= 1);
    }

    [Fact]
    public void PutThroughOneDhtnode_GetThroughAnother_FindsTheValue()
    {
        var key = InfoHash.Random().ToString();
        using var writer = DhtnodeProcess.Start(fixture.Silo.Bootstrap(0));
        using var reader = DhtnodeProcess.Start(fixture.Silo.Bootstrap(1));
        writer.WaitConnected(Wait);
        reader.WaitConnected(Wait);

        writer.Send($"p {key} stored-through-the-silo");
        writer.WaitFor(@"Put: success", Wait);

        reader.Send($"g {key}");
        reader.WaitFor(@"data\(text/plain\):""stored-through-the-silo""", Wait);
        reader.WaitFor(@"Get: completed", Wait);
    }

    [Fact]
    public void ListenThroughDhtnode_OtherDhtnodePuts_ListenerPrintsTheValue()
    {
        var key = InfoHash.Random().ToString();
        using var listener = DhtnodeProcess.Start(fixture.Silo.Bootstrap(2));
        using var writer = DhtnodeProcess.Start(fixture.Silo.Bootstrap(3));
        listener.WaitConnected(Wait);
        writer.WaitConnected(Wait);

        listener.Send($"l {key}");
        listener.WaitFor(@"Listening, token", Wait);
        // Give the listen time to reach the heads (it waits for its search to sync first).
        Thread.Sleep(1500);

        writer.Send($"p {key} pushed-to-listener");
        writer.WaitFor(@"Put: success", Wait);
        listener.WaitFor(@"pushed-to-listener", Wait);
    }

    [Fact]
    public void SignedPutFromIdentityNode_OtherDhtnodeGetsItSigned()
    {
        var key = InfoHash.Random().ToString();
        using var signer = DhtnodeProcess.Start(fixture.Silo.Bootstrap(0), identity: true);
        using var reader = DhtnodeProcess.Start(fixture.Silo.Bootstrap(1));
        signer.WaitConnected(Wait);
        reader.WaitConnected(Wait);

        signer.Send($"s {key} signed-by-dhtnode");
        signer.WaitFor(@"Put signed: success", Wait);

        reader.Send($"g {key}");
        // A signed value prints its owner's key id.
        reader.WaitFor(@"signed-by-dhtnode", Wait);
    }
}
