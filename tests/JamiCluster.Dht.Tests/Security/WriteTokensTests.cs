using JamiCluster.Dht.Security;
using Microsoft.Extensions.Time.Testing;

namespace JamiCluster.Dht.Tests.Security;

public sealed class WriteTokensTests
{
    private static readonly byte[] Ip = [192, 0, 2, 1];
    private static readonly byte[] OtherIp = [192, 0, 2, 2];

    /// <summary>More than the longest rotation period (45 min), so every step forces exactly one rotation.</summary>
    private static readonly TimeSpan BeyondRotation = TimeSpan.FromMinutes(46);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Check_SameAddress_IsValid()
    {
        var tokens = new WriteTokens(_time);

        var token = Make(tokens, Ip, 14222);

        Assert.Equal(DhtLimits.TokenSize, token.Length);
        Assert.True(tokens.Check(token, Ip, 14222));
    }

    [Fact]
    public void Check_OtherPortOrIp_IsInvalid()
    {
        var tokens = new WriteTokens(_time);

        var token = Make(tokens, Ip, 14222);

        // 2.4.12 binds tokens to IP and port: a NAT rebinding must fetch a new one.
        Assert.False(tokens.Check(token, Ip, 14223));
        Assert.False(tokens.Check(token, OtherIp, 14222));
    }

    [Fact]
    public void Check_IPv6Address_IsBoundToTheFullAddress()
    {
        var tokens = new WriteTokens(_time);
        var v6 = System.Net.IPAddress.Parse("2001:db8::1").GetAddressBytes();
        var v6Other = System.Net.IPAddress.Parse("2001:db8::2").GetAddressBytes();

        var token = Make(tokens, v6, 4222);

        Assert.True(tokens.Check(token, v6, 4222));
        Assert.False(tokens.Check(token, v6Other, 4222));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Check_WrongLength_IsInvalid(int length)
    {
        var tokens = new WriteTokens(_time);
        var token = Make(tokens, Ip, 1);
        var other = new byte[length];
        token.AsSpan(0, Math.Min(length, token.Length)).CopyTo(other);

        Assert.False(tokens.Check(other, Ip, 1));
    }

    [Fact]
    public void Check_AfterOneRotation_IsStillValid()
    {
        var tokens = new WriteTokens(_time);
        var token = Make(tokens, Ip, 14222);

        _time.Advance(BeyondRotation);

        Assert.True(tokens.Check(token, Ip, 14222));

        // The token issued now differs: it comes from the new secret.
        Assert.NotEqual(token, Make(tokens, Ip, 14222));
    }

    [Fact]
    public void Check_AfterTwoRotations_IsInvalid()
    {
        var tokens = new WriteTokens(_time);
        var token = Make(tokens, Ip, 14222);

        _time.Advance(BeyondRotation);
        Assert.True(tokens.Check(token, Ip, 14222));
        _time.Advance(BeyondRotation);

        Assert.False(tokens.Check(token, Ip, 14222));
    }

    [Fact]
    public void Check_AfterLongIdlePeriod_IsInvalid()
    {
        var tokens = new WriteTokens(_time);
        var token = Make(tokens, Ip, 14222);

        // Nothing checks or issues tokens for two rotation periods: an idle node must not keep old tokens alive beyond 90 min.
        _time.Advance(BeyondRotation * 2);

        Assert.False(tokens.Check(token, Ip, 14222));
    }

    [Fact]
    public void Check_BeforeAnyRotation_IsValidForTheShortestPeriod()
    {
        var tokens = new WriteTokens(_time);
        var token = Make(tokens, Ip, 14222);

        // The shortest rotation is 15 min and the previous secret survives it, so a token lives at least that long.
        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));

        Assert.True(tokens.Check(token, Ip, 14222));
    }

    [Fact]
    public void Rotate_Twice_InvalidatesOldTokens()
    {
        var tokens = new WriteTokens(_time);
        var token = Make(tokens, Ip, 14222);

        tokens.Rotate();
        Assert.True(tokens.Check(token, Ip, 14222));
        tokens.Rotate();

        Assert.False(tokens.Check(token, Ip, 14222));
    }

    [Fact]
    public void Make_TwoInstances_UseIndependentSecrets()
    {
        var token = Make(new WriteTokens(_time), Ip, 14222);

        Assert.False(new WriteTokens(_time).Check(token, Ip, 14222));
    }

    private static byte[] Make(WriteTokens tokens, byte[] ip, ushort port)
    {
        var token = new byte[DhtLimits.TokenSize];
        tokens.Make(ip, port, token);
        return token;
    }
}
