using System.Text.Json.Nodes;

namespace JamiCluster.Interop.Tests;

/// <summary><c>GET /key/{hash}/listen</c>: stored values, new ones and expirations as JSON lines on one open response.</summary>
[Collection(SiloCollection.Name)]
public sealed class ProxyListenTests(SiloFixture fixture)
{
    [Fact]
    public async Task Listen_StoredThenNewThenExpired_OneLineEach()
    {
        var key = InfoHash.Random();
        using var udp = new RawDhtClient();
        var token = await udp.TokenAsync(fixture.Silo.Head(), key);
        Assert.NotNull(await udp.PutAsync(fixture.Silo.Head(), key, TestValues.Unsigned(1001, "before"u8.ToArray()), token));

        using var http = new HttpClient { BaseAddress = fixture.Silo.Proxy, Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await http.GetAsync($"/key/{key}/listen", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var first = JsonNode.Parse((await reader.ReadLineAsync(cancel.Token))!)!;
        Assert.Equal("1001", first["id"]!.GetValue<string>());

        // A new value of the short-lived test type: delivered at once, then its expiry arrives as the same object.
        var started = DateTime.UtcNow;
        Assert.NotNull(await udp.PutAsync(fixture.Silo.Head(), key, TestValues.Unsigned(1002, "after"u8.ToArray(), type: SiloFixture.ShortType), token));
        var added = JsonNode.Parse((await reader.ReadLineAsync(cancel.Token))!)!;
        var addedAfter = DateTime.UtcNow - started;
        Assert.Equal("1002", added["id"]!.GetValue<string>());
        Assert.Null(added["expired"]);
        Assert.True(addedAfter < TimeSpan.FromSeconds(1), $"new value after {addedAfter.TotalMilliseconds} ms");

        var expired = JsonNode.Parse((await reader.ReadLineAsync(cancel.Token))!)!;
        Assert.Equal("1002", expired["id"]!.GetValue<string>());
        Assert.True(expired["expired"]!.GetValue<bool>());
        Assert.Equal(added["data"]!.GetValue<string>(), expired["data"]!.GetValue<string>());
    }
}
