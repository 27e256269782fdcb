using System.Text.Json.Nodes;

namespace JamiCluster.Interop.Tests;

/// <summary>The name-server protocol on a real silo process, over HTTP on loopback.</summary>
[Collection(SiloCollection.Name)]
public sealed class NameServerTests(SiloFixture fixture) : IDisposable
{
    private static readonly JsonObject Vector = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "name-server-testvector.json")))!.AsObject();
    private readonly NameClient _client = new(fixture.Silo.NameServer);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task TestVector_RegistersThenResolvesBothWays_ExactJson()
    {
        var body = Vector["request"]!["body"]!.DeepClone();
        var addr = body["addr"]!.GetValue<string>();

        var before = await _client.GetAsync("/name/alice-test");
        var registered = await _client.PostAsync("/name/alice-test", body);
        var byName = await _client.GetAsync("/name/alice-test");
        var byAddr = await _client.GetAsync("/addr/" + addr);

        Assert.Equal((404, "{\"error\":\"name not registered\"}"), (before.Status, before.Body));
        Assert.Equal((200, "{\"success\":true}"), (registered.Status, registered.Body));
        Assert.Equal(200, byName.Status);
        Assert.Equal("application/json", byName.ContentType);
        Assert.True(JsonNode.DeepEquals(Vector["expected_lookup_response"], JsonNode.Parse(byName.Body)), byName.Body);
        Assert.Equal((200, "{\"name\":\"alice-test\"}"), (byAddr.Status, byAddr.Body));

        // The reverse lookup takes the forms clients and the reference accept; a retry of the same registration is a success.
        Assert.Equal(200, (await _client.GetAsync("/addr/0x" + addr.ToUpperInvariant())).Status);
        Assert.Equal(200, (await _client.GetAsync("/addr/ring:" + addr)).Status);
        Assert.Equal((200, "{\"success\":true}"), ((await _client.PostAsync("/name/alice-test", body)).Status, (await _client.PostAsync("/name/alice-test", body)).Body));
        Assert.Equal(Vector["expected_lookup_response"]!["publickey"]!.GetValue<string>(), (await _client.GetAsync("/name/alice-test/publickey")).Json["publickey"]!.GetValue<string>());

        // Lookups fold case the way registration does, and answer with the canonical name the signature covers.
        var folded = await _client.GetAsync("/name/Alice-Test");
        Assert.Equal("alice-test", folded.Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_Refusals_RightStatusNothingStored()
    {
        var (owner, other) = (new NameAccount(), new NameAccount());
        var name = NameAccount.NewName("held");
        Assert.Equal(200, (await _client.PostAsync("/name/" + name, owner.Body(name))).Status);

        // Wrong signature: 401, and the name stays free.
        var forgedName = NameAccount.NewName("forged");
        var forged = other.Body(forgedName);
        forged["signature"] = other.Sign(forgedName + "x");
        await AssertRefusedAsync(forgedName, forged, 401, "signature verification failed");

        // A valid key and signature, but the key is not the address's (somebody else's Jami ID): 401.
        var hijackName = NameAccount.NewName("hijack");
        var hijack = other.Body(hijackName);
        hijack["addr"] = new NameAccount().Addr;
        await AssertRefusedAsync(hijackName, hijack, 401, "publickey does not match addr");
        Assert.Equal(404, (await _client.GetAsync("/addr/" + hijack["addr"]!.GetValue<string>())).Status);

        // A second name for an address that has one: 409, naming the first.
        var secondName = NameAccount.NewName("second");
        var second = await AssertRefusedAsync(secondName, owner.Body(secondName), 409, "address already has a name");
        Assert.Equal(name, second.Json["name"]!.GetValue<string>());
        Assert.Equal(name, (await _client.GetAsync("/addr/" + owner.Addr)).Json["name"]!.GetValue<string>());

        // A taken name: 409, and the record is the first one still.
        var taken = await _client.PostAsync("/name/" + name, other.Body(name));
        Assert.Equal(409, taken.Status);
        Assert.Equal("0x" + owner.Addr, (await _client.GetAsync("/name/" + name)).Json["addr"]!.GetValue<string>());

        // Invalid names: 400, even when correctly signed.
        foreach (var invalid in new[] { "ab", "Upper-Case", "a.b.c", "x23456789012345678901234567890123" })
        {
            await AssertRefusedAsync(invalid, other.Body(invalid), 400, "invalid name");
        }

        Assert.Equal(404, (await _client.GetAsync("/addr/" + other.Addr)).Status);
    }

    [Theory]
    [InlineData("{not json", "body is not a JSON object")]
    [InlineData("[1,2]", "body is not a JSON object")]
    [InlineData("{\"addr\":\"abc\"}", "addr missing or invalid")]
    [InlineData("{\"addr\":\"0000000000000000000000000000000000000000\",\"publickey\":\"x\",\"signature\":\"x\"}", "addr missing or invalid")]
    [InlineData("{\"addr\":12,\"publickey\":\"x\",\"signature\":\"x\"}", "addr missing or invalid")]
    [InlineData("{\"addr\":\"ADDR\",\"owner\":\"nothex\",\"publickey\":\"x\",\"signature\":\"x\"}", "no owner")]
    [InlineData("{\"addr\":\"ADDR\",\"signature\":\"x\"}", "publickey not found or invalid")]
    [InlineData("{\"addr\":\"ADDR\",\"publickey\":\"PK\"}", "signature not found or invalid")]
    [InlineData("{\"addr\":\"ADDR\",\"publickey\":\"%%% not base64\",\"signature\":\"SIG\"}", "publickey not found or invalid")]
    [InlineData("{\"addr\":\"ADDR\",\"publickey\":\"PK\",\"signature\":\"%%% not base64\"}", "signature verification failed")]
    [InlineData("{\"addr\":\"ADDR\",\"publickey\":\"PK\",\"signature\":\"SIG\"} trailing", "body is not a JSON object")]
    [InlineData("{\"addr\":\"ADDR\",\"publickey\":\"PK\",\"signature\":\"SIG\",\"x\":[[[[[[[[[[[[1]]]]]]]]]]]]}", "body is not a JSON object")]
    public async Task Register_HostileBodies_JsonErrorNothingStored(string template, string error)
    {
        var account = new NameAccount();
        var name = NameAccount.NewName("hostile");
        var body = template.Replace("ADDR", account.Addr, StringComparison.Ordinal).Replace("PK", account.PublicKey, StringComparison.Ordinal)
            .Replace("SIG", account.Sign(name), StringComparison.Ordinal);

        var reply = await _client.PostRawAsync("/name/" + name, body);

        Assert.True(reply.Status is >= 400 and < 500, reply.Status + " " + reply.Body);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal(error, reply.Json["error"]!.GetValue<string>());
        Assert.Equal(404, (await _client.GetAsync("/name/" + name)).Status);
        Assert.Equal(404, (await _client.GetAsync("/addr/" + account.Addr)).Status);
    }

    [Fact]
    public async Task Register_OversizedBody_413Json()
    {
        var account = new NameAccount();
        var name = NameAccount.NewName("big");
        var body = account.Body(name);
        body["padding"] = new string('x', 200_000);

        var reply = await _client.PostAsync("/name/" + name, body);

        Assert.Equal(413, reply.Status);
        Assert.Equal("request body too large", reply.Json["error"]!.GetValue<string>());
        Assert.Equal(404, (await _client.GetAsync("/name/" + name)).Status);
    }

    [Fact]
    public async Task Register_WrongKeyType_400()
    {
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var spki = ec.ExportSubjectPublicKeyInfo();
        var name = NameAccount.NewName("eckey");
        var body = new JsonObject
        {
            ["addr"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(spki)),
            ["publickey"] = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(ec.ExportSubjectPublicKeyInfoPem())),
            ["signature"] = Convert.ToBase64String(ec.SignData(System.Text.Encoding.UTF8.GetBytes(name), System.Security.Cryptography.HashAlgorithmName.SHA512)),
        };

        await AssertRefusedAsync(name, body, 400, "publickey not found or invalid");
    }

    [Theory]
    [InlineData("%D0%B0pple", "Cyrillic a: Unicode names are off by default")]
    [InlineData("ali%E2%80%8Bce", "zero-width space")]
    [InlineData("alice%00x", "NUL: Kestrel refuses the request line itself (400, no body) before our code runs")]
    [InlineData("alice%2Ftest", "encoded slash")]
    [InlineData("al%C3%28ice", "invalid UTF-8")]
    [InlineData("ali%20ce", "space")]
    public async Task Register_UnicodeTricks_400AndLookups404(string escapedName, string why)
    {
        var account = new NameAccount();
        var name = Uri.UnescapeDataString(escapedName);
        var byKestrel = why.StartsWith("NUL", StringComparison.Ordinal);
        var reply = await _client.PostAsync("/name/" + escapedName, account.Body(name));

        Assert.True(reply.Status == 400 && (byKestrel || reply.ContentType == "application/json"), $"{why}: {reply.Status} {reply.Body}");
        var lookup = await _client.GetAsync("/name/" + escapedName);
        Assert.True(byKestrel ? lookup.Status == 400 : lookup.Status == 404 && lookup.Json["error"] is not null, $"{why}: {lookup.Status} {lookup.Body}");
        Assert.Equal(404, (await _client.GetAsync("/addr/" + account.Addr)).Status);
    }

    [Fact]
    public async Task Lookups_MalformedInput_JsonErrors()
    {
        var longName = await _client.GetAsync("/name/" + new string('a', 4000));
        var badAddr = await _client.GetAsync("/addr/not-an-address");
        var zeroAddr = await _client.GetAsync("/addr/0000000000000000000000000000000000000000");
        var unknownAddr = await _client.GetAsync("/addr/" + new NameAccount().Addr);
        var noRoute = await _client.GetAsync("/nothing/here");
        var wrongMethod = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/name/alice-test"));

        Assert.Equal((404, "{\"error\":\"name not registered\"}"), (longName.Status, longName.Body));
        Assert.Equal(400, badAddr.Status);
        Assert.False(badAddr.Json["success"]!.GetValue<bool>());
        Assert.Equal(400, zeroAddr.Status);
        Assert.Equal((404, "{\"error\":\"address not registered\"}"), (unknownAddr.Status, unknownAddr.Body));
        Assert.Equal(404, noRoute.Status);
        Assert.Equal(405, wrongMethod.Status);
        Assert.All(new[] { longName, badAddr, zeroAddr, unknownAddr, noRoute, wrongMethod }, r => Assert.Equal("application/json", r.ContentType));
    }

    private async Task<NameClient.Reply> AssertRefusedAsync(string name, JsonObject body, int status, string error)
    {
        var reply = await _client.PostAsync("/name/" + Uri.EscapeDataString(name), body);
        Assert.True(reply.Status == status, $"{name}: {reply.Status} {reply.Body}");
        Assert.Equal(error, reply.Json["error"]!.GetValue<string>());
        Assert.False(reply.Json["success"]!.GetValue<bool>());
        var lookup = await _client.GetAsync("/name/" + Uri.EscapeDataString(name));
        Assert.True(lookup.Status == 404 || lookup.Json["addr"]!.GetValue<string>() != "0x" + body["addr"]!.GetValue<string>(), $"{name} was stored");
        return reply;
    }
}
