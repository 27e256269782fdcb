namespace JamiCluster.Interop.Tests;

/// <summary>The per-client registration limit, on a silo of its own (the shared one has it raised).</summary>
public sealed class NameServerLimitTests : IAsyncLifetime
{
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(
        new Dictionary<string, string> { ["JamiCluster:NameServer:RegistrationsPerMinutePerIp"] = "3" }, headCount: 1);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Register_OverPerIpLimit_429RetryAfterNothingStored()
    {
        using var client = new NameClient(_silo.NameServer);
        var account = new NameAccount();
        for (var i = 0; i < 3; i++)
        {
            // Refused attempts count too: each costs an RSA verification.
            Assert.Equal(400, (await client.PostRawAsync("/name/" + NameAccount.NewName("spam"), "{}")).Status);
        }

        var name = NameAccount.NewName("limited");
        var limited = await client.PostAsync("/name/" + name, account.Body(name));

        Assert.Equal(429, limited.Status);
        Assert.NotNull(limited.RetryAfter);
        Assert.False(limited.Json["success"]!.GetValue<bool>());
        // Nothing stored, and lookups are not limited.
        Assert.Equal(404, (await client.GetAsync("/name/" + name)).Status);
        Assert.Equal(404, (await client.GetAsync("/addr/" + account.Addr)).Status);
    }
}
