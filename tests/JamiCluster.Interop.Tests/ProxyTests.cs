using System.Text;
using System.Text.Json.Nodes;
using JamiCluster.Dht.Values;

namespace JamiCluster.Interop.Tests;

/// <summary>The DHT proxy REST API on a silo process: node info, get and put on both path families, CORS, errors.</summary>
[Collection(SiloCollection.Name)]
public sealed class ProxyTests(SiloFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.Silo.Proxy, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task NodeInfo_BothPaths_NodeIdGoodHeadsAndCallerAddress()
    {
        foreach (var path in new[] { "/", "/node/info" })
        {
            using var response = await _http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            var json = JsonNode.Parse(body)!;

            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Matches("^[0-9a-f]{40}$", json["node_id"]!.GetValue<string>());
            Assert.True(json["ipv4"]!["good"]!.GetValue<int>() > 0, body);
            Assert.Equal("127.0.0.1", json["public_ip"]!.GetValue<string>());
            Assert.EndsWith("\n", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NodeStats_CountsOpenListenStreams()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await _http.GetAsync($"/key/{InfoHash.Random()}/listen", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(200, (int)stream.StatusCode);

        var json = JsonNode.Parse(await _http.GetStringAsync("/node/stats"))!;

        Assert.True(json["listenCount"]!.GetValue<int>() >= 1);
        Assert.Matches("^[0-9a-f]{40}$", json["nodeInfo"]!["node_id"]!.GetValue<string>());
        Assert.Null(json["nodeInfo"]!["public_ip"]);
        foreach (var field in new[] { "putCount", "totalPermanentPuts", "pushListenersCount", "requestRate" })
        {
            Assert.NotNull(json[field]);
        }
    }

    [Fact]
    public async Task Put_ThenGetOnEveryKeyForm_AndUdpPeersSeeIt()
    {
        var text = "proxy-" + Guid.NewGuid().ToString("N");
        var key = InfoHash.HashOf(Encoding.UTF8.GetBytes(text));
        using var put = await _http.PostAsync("/key/" + text, new StringContent("{\"data\":\"aGVsbG8gd29ybGQ=\",\"type\":0}"));
        var putBody = await put.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)put.StatusCode);
        var id = JsonNode.Parse(putBody)!["id"]!.GetValue<string>();
        Assert.Equal($"{{\"data\":\"aGVsbG8gd29ybGQ=\",\"id\":\"{id}\",\"type\":0}}\n", putBody);

        // The loose {hash}: the text, its SHA-1 in either case, the SHA-1 with extra characters, the legacy path.
        foreach (var path in new[] { "/key/" + text, "/key/" + key, "/key/" + key.ToString().ToUpperInvariant(), "/key/" + key + "ffff", "/" + text })
        {
            var lines = (await _http.GetStringAsync(path)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(putBody.TrimEnd('\n'), Assert.Single(lines));
        }

        // A UDP peer gets the value the REST client put.
        using var udp = new RawDhtClient();
        var got = await udp.GetAsync(fixture.Silo.Head(), key);
        var value = Assert.Single(got!.Values);
        Assert.True(DhtValue.TryParse(value, out var parsed));
        Assert.Equal(ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture), parsed.Id);
    }

    [Fact]
    public async Task UdpPut_GetThroughProxy_SameValue()
    {
        var key = InfoHash.Random();
        using var udp = new RawDhtClient();
        var raw = TestValues.Unsigned(4242, "from udp"u8.ToArray(), type: 3, userType: "text/plain");
        var token = await udp.TokenAsync(fixture.Silo.Head(), key);
        Assert.NotNull(await udp.PutAsync(fixture.Silo.Head(), key, raw, token));

        var body = await _http.GetStringAsync("/key/" + key);

        Assert.Equal("{\"data\":\"ZnJvbSB1ZHA=\",\"id\":\"4242\",\"type\":3,\"utype\":\"text/plain\"}\n", body);
    }

    [Fact]
    public async Task SignedValuePostedAsJson_StoredByteExactAndVerifies()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var raw = TestValues.Signed(77, "signed over REST"u8.ToArray(), seq: 2, key);
        Assert.True(DhtValue.TryParse(raw, out var original));
        var stream = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            ValueJson.Write(json, original);
        }

        var target = InfoHash.Random();
        using var put = await _http.PostAsync("/key/" + target, new ByteArrayContent(stream.ToArray()));
        Assert.Equal(200, (int)put.StatusCode);

        using var udp = new RawDhtClient();
        var stored = Assert.Single((await udp.GetAsync(fixture.Silo.Head(), target))!.Values);
        Assert.Equal(Convert.ToHexString(raw), Convert.ToHexString(stored));
    }

    [Fact]
    public async Task Errors_AsTheReference()
    {
        using var empty = await _http.PostAsync("/key/x", new StringContent(""));
        using var bad = await _http.PostAsync("/key/x", new StringContent("{bad"));
        using var array = await _http.PostAsync("/key/x", new StringContent("[1,2]"));
        using var unrouted = await _http.GetAsync("/key/x/777");
        using var delete = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/key/x"));

        Assert.Equal((400, "{\"err\":\"Missing parameters\"}"), ((int)empty.StatusCode, await empty.Content.ReadAsStringAsync()));
        Assert.Equal((400, "{\"err:\":\"Incorrect JSON\"}"), ((int)bad.StatusCode, await bad.Content.ReadAsStringAsync()));
        Assert.Equal(400, (int)array.StatusCode);
        Assert.Equal((501, ""), ((int)unrouted.StatusCode, await unrouted.Content.ReadAsStringAsync()));
        Assert.Equal(501, (int)delete.StatusCode);
        Assert.False(unrouted.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("OPTIONS", "/foo")]
    [InlineData("GET", "/key/foo/options")]
    [InlineData("OPTIONS", "/key/foo")]
    public async Task Cors_PreflightHeaders(string method, string path)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("OPTIONS, GET, POST, LISTEN", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("content-type", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal("86400", response.Headers.GetValues("Access-Control-Max-Age").Single());
    }
}
