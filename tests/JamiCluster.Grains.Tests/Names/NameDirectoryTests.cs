using System.Text;
using System.Text.Json;
using JamiCluster.Grains.Tests.Support;
using JamiCluster.Interop.Tests.Infrastructure;

namespace JamiCluster.Grains.Tests.Names;

[Collection(NamesCollection.Name)]
public sealed class NameDirectoryTests(NamesCluster fixture)
{
    private NameDirectory Directory => new(fixture.Grains, fixture.SharedStore, NamesCluster.Rules, TimeProvider.System);

    [Fact]
    public async Task ExportThenImport_IntoAnotherCluster_SameRecords()
    {
        var account = new NameAccount();
        var (registered, reserved, revoked) = (NameAccount.NewName("exp"), NameAccount.NewName("res"), NameAccount.NewName("rev"));
        await fixture.Grains.GetGrain<INameGrain>(registered).RegisterAsync(account.Register(registered));
        await Directory.ReserveAsync(reserved, "seeded", "0x" + new NameAccount().Addr);
        await Directory.RevokeAsync(revoked, "offensive");

        using var export = new MemoryStream();
        var count = await Directory.ExportAsync(export);
        var lines = Encoding.UTF8.GetString(export.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(count, lines.Length);
        var mine = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("name").GetString() is { } n && (n == registered || n == reserved || n == revoked)).ToList();
        Assert.Equal(3, mine.Count);

        await using var other = new NamesCluster();
        await other.InitializeAsync();
        var target = new NameDirectory(other.Grains, other.SharedStore, NamesCluster.Rules, TimeProvider.System);
        var report = await target.ImportAsync(new MemoryStream(export.ToArray()));

        Assert.Equal(count, report.Imported);
        Assert.True(report.Invalid + report.Conflicts == 0, string.Join("\n", report.Problems));
        var copy = await other.Grains.GetGrain<INameGrain>(registered).GetAsync();
        var original = await fixture.Grains.GetGrain<INameGrain>(registered).GetAsync();
        Assert.Equal(original!.Addr, copy?.Addr);
        Assert.Equal(original.PublicKey, copy?.PublicKey);
        Assert.Equal(original.Signature, copy?.Signature);
        Assert.Equal(original.CreatedAt, copy?.CreatedAt);
        Assert.Equal(registered, (await other.Grains.GetGrain<IAddressGrain>(account.Addr).GetAsync())?.Name);
        Assert.Equal(NameStatus.Reserved, (await other.Grains.GetGrain<INameGrain>(reserved).GetAsync())?.Status);
        Assert.Equal("offensive", (await other.Grains.GetGrain<INameGrain>(revoked).GetAsync())?.Reason);

        // Importing the same file again changes nothing.
        var again = await target.ImportAsync(new MemoryStream(export.ToArray()));
        Assert.Equal(0, again.Imported);
        Assert.Equal(count, again.Unchanged);
    }

    [Fact]
    public async Task ImportAsync_BadLines_CountedWithLineNumbersNothingStored()
    {
        var account = new NameAccount();
        var good = NameAccount.NewName("good");
        var forged = NameAccount.NewName("forged");
        string Line(object o) => JsonSerializer.Serialize(o);
        var text = string.Join('\n',
            Line(new { name = good, addr = "0x" + account.Addr, publickey = account.PublicKey, signature = account.Sign(good), owner = "0123456789abcdef0123456789abcdef01234567" }),
            "{not json",
            Line(new { name = forged, addr = account.Addr, publickey = account.PublicKey, signature = account.Sign("other") }),
            Line(new { name = "x", addr = account.Addr }),
            Line(new { name = NameAccount.NewName("noaddr"), publickey = account.PublicKey }),
            Line(new { name = NameAccount.NewName("status"), status = "frozen" }),
            "",
            Line(new { name = NameAccount.NewName("dup"), addr = account.Addr, publickey = account.PublicKey, signature = account.Sign("dup") }));

        var report = await Directory.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(1, report.Imported);
        Assert.Equal(6, report.Invalid + report.Conflicts);
        Assert.Contains(report.Problems, p => p.StartsWith("line 2:", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("line 3:", StringComparison.Ordinal) && p.Contains("BadSignature", StringComparison.Ordinal));
        Assert.Null(await fixture.Grains.GetGrain<INameGrain>(forged).GetAsync());
        Assert.Equal(good, (await fixture.Grains.GetGrain<IAddressGrain>(account.Addr).GetAsync())?.Name);
    }

    [Fact]
    public async Task ReserveAsync_InvalidNameOrAddress_Refused()
    {
        Assert.Equal(RegistrationOutcome.InvalidName, (await Directory.ReserveAsync("a b", "why", null)).Outcome);
        await Assert.ThrowsAsync<ArgumentException>(() => Directory.ReserveAsync(NameAccount.NewName("bad"), "why", "xyz"));
    }
}
