namespace JamiCluster.Interop.Tests;

/// <summary>
/// The real OpenDHT 2.4.12 proxy client (<c>dhtnode --proxyclient</c>) against the silo's proxy, with a UDP dhtnode
/// bootstrapped on the same silo as the other side.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ProxyClientTests(SiloFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public void ProxyClientAndUdpPeer_SeeEachOthersPuts()
    {
        using var proxied = DhtnodeProcess.StartProxyClient(fixture.Silo.Proxy);
        using var udp = DhtnodeProcess.Start(fixture.Silo.Bootstrap());
        udp.WaitConnected(Wait);
        var key = "proxy-interop-" + Guid.NewGuid().ToString("N")[..8];

        proxied.Send($"p {key} put-over-http");
        proxied.WaitFor("Put: success", Wait);
        udp.Send($"g {key}");
        udp.WaitFor(@"data\(text/plain\):""put-over-http""", Wait);

        udp.Send($"p {key} put-over-udp");
        udp.WaitFor("Put: success", Wait);
        proxied.Send($"g {key}");
        proxied.WaitFor(@"data\(text/plain\):""put-over-udp""", Wait);
        proxied.WaitFor("Get: completed", Wait);
    }

    [Fact]
    public void ProxyClientListens_HearsUdpPeersPut()
    {
        using var proxied = DhtnodeProcess.StartProxyClient(fixture.Silo.Proxy);
        using var udp = DhtnodeProcess.Start(fixture.Silo.Bootstrap(1));
        udp.WaitConnected(Wait);
        var key = InfoHash.Random().ToString();

        proxied.Send($"l {key}");
        proxied.WaitFor("Listening, token", Wait);
        // The proxy client opens its listen stream asynchronously after printing the token.
        Thread.Sleep(1000);
        udp.Send($"p {key} heard-over-http");
        udp.WaitFor("Put: success", Wait);

        proxied.WaitFor("heard-over-http", Wait);
    }
}
