using System.Text.Json;

namespace JamiCluster.Interop.Tests;

/// <summary>
/// The real Jami client (jamid from Debian's jami-daemon, 2023) against the silo's name server: it registers a
/// name with its own RSA-4096 account key, then fresh daemons look the name up both ways and verify the key and
/// signature in our reply. State numbers are that daemon's (peers/README.md §4).
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class JamiDaemonNameTests(SiloFixture fixture, ITestOutputHelper output)
{
    private const int Success = 0;
    private const int Found = 0;
    private const int NotFound = 2;
    private const int AlreadyTaken = 3;

    [Fact]
    public async Task Jamid_RegistersThenLooksUpBothWays_Verified()
    {
        var name = "Jami_" + Guid.NewGuid().ToString("N")[..10];
        var steps = await JamiDaemon.RunAsync(fixture.Silo.NameServer, ["scenario", name, "nobody-" + Guid.NewGuid().ToString("N")[..8]], TimeSpan.FromSeconds(150), output);

        var id = steps["create_account"].GetProperty("jami_id").GetString();
        Assert.Equal(Success, State(steps["register"]));
        // A fresh daemon (empty cache) resolves the name over HTTP; "found" means it verified the key against the
        // address and the signature over the name.
        Assert.Equal(Found, State(steps["lookup_name"]));
        Assert.Equal(id, steps["lookup_name"].GetProperty("address").GetString());
        Assert.Equal(NotFound, State(steps["lookup_missing_name"]));
        Assert.Equal(Found, State(steps["lookup_address"]));
        Assert.Equal(name.ToLowerInvariant(), steps["lookup_address"].GetProperty("name").GetString());
        Assert.Equal(NotFound, State(steps["lookup_missing_address"]));

        // The daemon lowercases before registering: that is the canonical name we serve.
        using var client = new NameClient(fixture.Silo.NameServer);
        Assert.Equal("0x" + id, (await client.GetAsync("/name/" + name.ToLowerInvariant())).Json["addr"]!.GetValue<string>());

        // Another account (another daemon, another key) asking for the same name is told it is taken.
        var second = await JamiDaemon.RunAsync(fixture.Silo.NameServer, ["register", name], TimeSpan.FromSeconds(120), output);
        Assert.Equal(AlreadyTaken, State(second["register"]));
        Assert.Equal("0x" + id, (await client.GetAsync("/name/" + name.ToLowerInvariant())).Json["addr"]!.GetValue<string>());
    }

    private static int State(JsonElement step) => step.GetProperty("state").GetInt32();
}
