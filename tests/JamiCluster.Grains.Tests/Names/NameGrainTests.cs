using JamiCluster.Grains.Tests.Support;
using JamiCluster.Interop.Tests.Infrastructure;

namespace JamiCluster.Grains.Tests.Names;

[Collection(NamesCollection.Name)]
public sealed class NameGrainTests(NamesCluster fixture)
{
    private INameGrain Name(string name) => fixture.Grains.GetGrain<INameGrain>(name);

    private IAddressGrain Address(string addr) => fixture.Grains.GetGrain<IAddressGrain>(addr);

    [Fact]
    public async Task RegisterAsync_TestVector_ResolvesBothWays()
    {
        var result = await Name(TestVector.Name).RegisterAsync(TestVector.Registration);

        Assert.True(result.Succeeded);
        var record = await Name(TestVector.Name).GetAsync();
        Assert.NotNull(record);
        Assert.Equal(TestVector.Body("addr"), record.Addr);
        Assert.Equal(TestVector.Body("publickey"), record.PublicKey);
        Assert.Equal(TestVector.Body("signature"), record.Signature);
        Assert.Equal(TestVector.Name, (await Address(TestVector.Body("addr")).GetAsync())?.Name);
    }

    [Fact]
    public async Task RegisterAsync_SameNameSameAddressAgain_AlreadyRegistered()
    {
        var account = new NameAccount();
        var name = NameAccount.NewName("retry");
        Assert.Equal(RegistrationOutcome.Registered, (await Name(name).RegisterAsync(account.Register(name))).Outcome);
        Assert.Equal(RegistrationOutcome.AlreadyRegistered, (await Name(name).RegisterAsync(account.Register(name))).Outcome);
    }

    [Fact]
    public async Task RegisterAsync_Refusals_NothingStored()
    {
        var (owner, other) = (new NameAccount(), new NameAccount());
        var name = NameAccount.NewName("held");
        await Name(name).RegisterAsync(owner.Register(name));

        // Taken name: the holder is reported, the record is unchanged.
        var taken = await Name(name).RegisterAsync(other.Register(name));
        Assert.Equal(RegistrationOutcome.NameTaken, taken.Outcome);
        Assert.Equal(owner.Addr, taken.Existing?.Addr);

        // Second name for one address.
        var second = NameAccount.NewName("second");
        var addressTaken = await Name(second).RegisterAsync(owner.Register(second));
        Assert.Equal(RegistrationOutcome.AddressTaken, addressTaken.Outcome);
        Assert.Equal(name, addressTaken.Existing?.Name);

        // Wrong signature, and a key that is not the address's.
        var fresh = NameAccount.NewName("fresh");
        var forged = other.Register(fresh) with { Signature = other.Sign(fresh + "x") };
        Assert.Equal(RegistrationOutcome.BadSignature, (await Name(fresh).RegisterAsync(forged)).Outcome);
        var hijack = other.Register(fresh) with { Addr = new NameAccount().Addr };
        Assert.Equal(RegistrationOutcome.KeyMismatch, (await Name(fresh).RegisterAsync(hijack)).Outcome);

        // Not canonical: the signature would not verify over the name lookups return.
        var upper = fresh.ToUpperInvariant();
        Assert.Equal(RegistrationOutcome.InvalidName, (await Name(upper).RegisterAsync(other.Register(upper))).Outcome);

        Assert.Equal(owner.Addr, (await Name(name).GetAsync())?.Addr);
        Assert.Null(await Name(second).GetAsync());
        Assert.Null(await Name(fresh).GetAsync());
        Assert.Null(await Address(other.Addr).GetAsync());
        Assert.Null(await fixture.SharedStore.FindByNameAsync(fresh));
    }

    [Fact]
    public async Task RegisterAsync_ManyAddressesRaceForOneName_ExactlyOneWins()
    {
        var accounts = Registrations.Create(12);
        var name = NameAccount.NewName("race");
        var results = await Task.WhenAll(accounts.Select(a => Name(name).RegisterAsync(a.Register(name))));

        var winners = results.Where(r => r.Outcome == RegistrationOutcome.Registered).ToList();
        Assert.Single(winners);
        Assert.All(results.Where(r => r.Outcome != RegistrationOutcome.Registered), r => Assert.Equal(RegistrationOutcome.NameTaken, r.Outcome));
        Assert.Equal(winners[0].Existing!.Addr, (await Name(name).GetAsync())?.Addr);
    }

    [Fact]
    public async Task ReserveAsync_ForOneAddress_OnlyThatAddressRegisters()
    {
        var (chosen, other) = (new NameAccount(), new NameAccount());
        var name = NameAccount.NewName("dean");
        Assert.Equal(RegistrationOutcome.Registered, (await Name(name).ReserveAsync("for the dean", chosen.Addr)).Outcome);

        Assert.Equal(RegistrationOutcome.NameReserved, (await Name(name).RegisterAsync(other.Register(name))).Outcome);
        Assert.Equal(RegistrationOutcome.Registered, (await Name(name).RegisterAsync(chosen.Register(name))).Outcome);
        var record = await Name(name).GetAsync();
        Assert.Equal(NameStatus.Registered, record?.Status);
        Assert.Equal(chosen.Addr, record?.Addr);
    }

    [Fact]
    public async Task ReserveAsync_ForNobody_BlocksEveryone()
    {
        var name = NameAccount.NewName("admin");
        await Name(name).ReserveAsync("staff only", null);
        Assert.Equal(RegistrationOutcome.NameReserved, (await Name(name).RegisterAsync(new NameAccount().Register(name))).Outcome);
    }

    [Fact]
    public async Task RevokeAsync_RegisteredName_StopsResolvingFreesAddressKeepsNameBlocked()
    {
        var (account, other) = (new NameAccount(), new NameAccount());
        var name = NameAccount.NewName("abuse");
        await Name(name).RegisterAsync(account.Register(name));

        var revoked = await Name(name).RevokeAsync("impersonation report #12");

        Assert.Equal(NameStatus.Revoked, revoked.Status);
        Assert.Equal("impersonation report #12", revoked.Reason);
        Assert.Equal(account.Addr, revoked.Addr);
        Assert.Null(await Address(account.Addr).GetAsync());
        Assert.Equal(RegistrationOutcome.NameRevoked, (await Name(name).RegisterAsync(other.Register(name))).Outcome);
        var renamed = NameAccount.NewName("renamed");
        Assert.Equal(RegistrationOutcome.Registered, (await Name(renamed).RegisterAsync(account.Register(renamed))).Outcome);
    }
}
