namespace JamiCluster.Interop.Tests;

/// <summary>The per-address limit on open listen streams, on a silo of its own.</summary>
public sealed class ProxyLimitTests : IAsyncLifetime
{
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(
        new Dictionary<string, string> { ["JamiCluster:Proxy:MaxListenStreamsPerIp"] = "2" }, headCount: 1);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Listen_OverPerIpLimit_429UntilAStreamCloses()
    {
        using var http = new HttpClient { BaseAddress = _silo.Proxy, Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var key = InfoHash.Random();
        var first = await http.GetAsync($"/key/{key}/listen", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var second = await http.GetAsync($"/key/{key}/listen", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var third = await http.GetAsync($"/key/{key}/listen", HttpCompletionOption.ResponseHeadersRead, cancel.Token);

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal(429, (int)third.StatusCode);
        Assert.Contains("Too many listen streams", await third.Content.ReadAsStringAsync(cancel.Token), StringComparison.Ordinal);

        // Closing a stream frees its place (the server notices the disconnect).
        first.Dispose();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        int status;
        do
        {
            using var retry = await http.GetAsync($"/key/{key}/listen", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            status = (int)retry.StatusCode;
            if (status != 200)
            {
                await Task.Delay(200, cancel.Token);
            }
        }
        while (status != 200 && DateTime.UtcNow < deadline);

        Assert.Equal(200, status);
    }
}
