using JamiCluster.Grains.Tests.Support;
using JamiCluster.Interop.Tests.Infrastructure;

namespace JamiCluster.Grains.Tests.Names;

/// <summary>
/// Two silos with separate stores: nothing below the grains can refuse a second name for an address, so these
/// tests show the address grain's claim does it.
/// </summary>
public sealed class AddressRaceTests(SeparateStoresCluster fixture) : IClassFixture<SeparateStoresCluster>
{
    [Fact]
    public async Task RegisterAsync_ManyNamesRaceForOneAddress_ExactlyOneWins()
    {
        var account = new NameAccount();
        var names = Enumerable.Range(0, 16).Select(i => NameAccount.NewName($"n{i}")).ToArray();

        var results = await Task.WhenAll(names.Select(n => fixture.Grains.GetGrain<INameGrain>(n).RegisterAsync(account.Register(n))));

        var winner = Assert.Single(results, r => r.Outcome == RegistrationOutcome.Registered);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal(RegistrationOutcome.AddressTaken, r.Outcome));
        Assert.Equal(winner.Existing!.Name, (await fixture.Grains.GetGrain<IAddressGrain>(account.Addr).GetAsync())?.Name);
        var bound = 0;
        foreach (var name in names)
        {
            bound += await fixture.Grains.GetGrain<INameGrain>(name).GetAsync() is { IsRegistered: true } ? 1 : 0;
        }

        Assert.Equal(1, bound);
    }
}
