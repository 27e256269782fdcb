using System.Net;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Dht.Tests.Wire;

public sealed class MartiansTests
{
    [Theory]
    [InlineData("0.1.2.3", 4222)] // first octet 0
    [InlineData("224.0.0.1", 4222)] // multicast
    [InlineData("239.192.0.1", 8888)] // the peer-discovery group itself
    [InlineData("255.255.255.255", 4222)]
    [InlineData("192.0.2.1", 0)] // port 0
    [InlineData("ff02::1", 4222)] // IPv6 multicast
    [InlineData("fe80::1", 4222)] // link-local (2.4.12 only)
    [InlineData("febf::1", 4222)] // still inside fe80::/10
    [InlineData("::", 4222)]
    [InlineData("::ffff:192.0.2.1", 4222)] // IPv4-mapped
    public void IsMartian_ForbiddenSource_IsTrue(string address, int port)
    {
        Assert.True(Martians.IsMartian(IPAddress.Parse(address), port));
    }

    [Theory]
    [InlineData("127.0.0.1", 14222)]
    [InlineData("10.0.0.1", 4222)]
    [InlineData("223.255.255.255", 4222)] // just below multicast
    [InlineData("1.0.0.0", 1)]
    [InlineData("::1", 14296)]
    [InlineData("2001:db8::1", 4222)]
    [InlineData("fec0::1", 4222)] // just outside fe80::/10
    public void IsMartian_OrdinarySource_IsFalse(string address, int port)
    {
        Assert.False(Martians.IsMartian(IPAddress.Parse(address), port));
    }
}
