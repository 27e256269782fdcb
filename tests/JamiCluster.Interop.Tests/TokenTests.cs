using JamiCluster.Dht.Wire;

namespace JamiCluster.Interop.Tests;

/// <summary>Write tokens guard put, listen and refresh with error 401, exactly where 2.4.12 answers it.</summary>
[Collection(SiloCollection.Name)]
public sealed class TokenTests(SiloFixture fixture)
{
    [Fact]
    public async Task Put_WrongToken_Gets401AndStoresNothing()
    {
        using var client = new RawDhtClient();
        var key = InfoHash.Random();
        var reply = await client.PutAsync(fixture.Silo.Head(), key, TestValues.Unsigned(42, "x"u8.ToArray()), new byte[32]);
        Assert.NotNull(reply);
        Assert.Equal(MessageKind.Error, reply.Message.Kind);
        Assert.Equal(401, reply.Message.ErrorCode);

        var get = await client.GetAsync(fixture.Silo.Head(), key);
        Assert.NotNull(get);
        Assert.Empty(get.Values);
    }

    [Fact]
    public async Task Listen_WrongToken_Gets401()
    {
        using var client = new RawDhtClient();
        var reply = await client.ListenAsync(fixture.Silo.Head(), InfoHash.Random(), new byte[32], 7);
        Assert.NotNull(reply);
        Assert.Equal(MessageKind.Error, reply.Message.Kind);
        Assert.Equal(401, reply.Message.ErrorCode);
    }

    [Fact]
    public async Task Put_TokenFromAnotherPort_Gets401()
    {
        using var owner = new RawDhtClient();
        using var thief = new RawDhtClient();
        var key = InfoHash.Random();
        var token = await owner.TokenAsync(fixture.Silo.Head(), key);
        var reply = await thief.PutAsync(fixture.Silo.Head(), key, TestValues.Unsigned(43, "y"u8.ToArray()), token);
        Assert.NotNull(reply);
        Assert.Equal(401, reply.Message.ErrorCode);
    }

    [Fact]
    public async Task Put_RightToken_IsAcknowledgedWithVidAndGettable()
    {
        using var client = new RawDhtClient();
        var key = InfoHash.Random();
        var token = await client.TokenAsync(fixture.Silo.Head(), key);
        Assert.Equal(32, token.Length);
        var reply = await client.PutAsync(fixture.Silo.Head(), key, TestValues.Unsigned(44, "z"u8.ToArray()), token);
        Assert.NotNull(reply);
        Assert.Equal(MessageKind.Reply, reply.Message.Kind);
        Assert.Equal(44UL, reply.Message.Vid);

        var get = await client.GetAsync(fixture.Silo.Head(1), key);
        Assert.NotNull(get);
        Assert.False(get.Message.Token.IsEmpty, "every get reply must carry a token");
        Assert.Single(get.Values);
    }

    [Fact]
    public async Task Refresh_UnknownKey_Gets404()
    {
        using var client = new RawDhtClient();
        var key = InfoHash.Random();
        var token = await client.TokenAsync(fixture.Silo.Head(), key);
        var reply = await client.RefreshAsync(fixture.Silo.Head(), key, 99, token);
        Assert.NotNull(reply);
        Assert.Equal(404, reply.Message.ErrorCode);
    }
}
