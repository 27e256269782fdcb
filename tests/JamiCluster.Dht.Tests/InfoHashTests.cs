using JamiCluster.Dht.Tests.Support;

namespace JamiCluster.Dht.Tests;

public sealed class InfoHashTests
{
    private const string Sample = "e2d81724709a86f8c7a7d4dbcd3ff57f24eb8f62";

    [Fact]
    public void Parse_FortyHexDigits_FormatsBackAsLowercase()
    {
        var hash = InfoHash.Parse(Sample.ToUpperInvariant());

        Assert.Equal(Sample, hash.ToString());
        Assert.Equal(Sample, Hex.Of(hash.ToArray()));
        Assert.Equal(hash, InfoHash.FromBytes(Hex.Bytes(Sample)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("e2d81724709a86f8c7a7d4dbcd3ff57f24eb8f6")]
    [InlineData("e2d81724709a86f8c7a7d4dbcd3ff57f24eb8f6200")]
    [InlineData("g2d81724709a86f8c7a7d4dbcd3ff57f24eb8f62")]
    public void Parse_NotFortyHexDigits_Throws(string text)
    {
        Assert.Throws<ArgumentException>(() => InfoHash.Parse(text));
        Assert.False(InfoHash.TryParse(text, out _));
    }

    [Fact]
    public void FromBytes_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => InfoHash.FromBytes(new byte[19]));
    }

    [Fact]
    public void Get_KeyName_IsSha1OfUtf8AsOpenDhtComputesIt()
    {
        // Samples document: SHA-1("opendht-wire/put-small") is the `h` on the wire.
        Assert.Equal(SampleTable.PutSmall, InfoHash.Get("opendht-wire/put-small").ToString());
        Assert.Equal(SampleTable.SignedKey, InfoHash.Get("opendht-wire/signed").ToString());
    }

    [Fact]
    public void CompareDistance_XorMetric_OrdersByXorNotByValue()
    {
        var target = InfoHash.Parse("8000000000000000000000000000000000000000");
        var near = InfoHash.Parse("8000000000000000000000000000000000000001");
        var middle = InfoHash.Parse("c000000000000000000000000000000000000000");
        var far = InfoHash.Parse("0000000000000000000000000000000000000000");

        // By value far < target < near < middle; by XOR from target it is near, middle, far.
        Assert.True(target.CompareDistance(near, middle) < 0);
        Assert.True(target.CompareDistance(middle, far) < 0);
        Assert.True(target.CompareDistance(far, near) > 0);
        Assert.Equal(0, target.CompareDistance(near, near));
        Assert.Equal(InfoHash.Parse("4000000000000000000000000000000000000000"), target.Xor(middle));
    }

    [Fact]
    public void CompareTo_DifferenceInLastWord_IsSeen()
    {
        var low = InfoHash.Parse("0000000000000000000000000000000000000001");
        var high = InfoHash.Parse("0000000000000000000000000000000000000002");

        Assert.True(low < high);
        Assert.True(high.CompareTo(low) > 0);
        Assert.NotEqual(low, high);
    }

    [Theory]
    [InlineData(0, 0u)]
    [InlineData(1, 1u)]
    [InlineData(8, 0xe2u)]
    [InlineData(20, 0xe2d81u)]
    [InlineData(32, 0xe2d81724u)]
    public void Prefix_Bits_ReturnsLeadingBitsAsInteger(int bits, uint expected)
    {
        Assert.Equal(expected, InfoHash.Parse(Sample).Prefix(bits));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(33)]
    public void Prefix_OutOfRange_Throws(int bits)
    {
        Assert.Throws<ArgumentException>(() => InfoHash.Parse(Sample).Prefix(bits));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(128)]
    [InlineData(159)]
    public void CommonBits_IdsDifferingAtOneBit_CountsTheSharedPrefix(int bit)
    {
        var id = InfoHash.Parse(Sample);

        Assert.Equal(bit, id.CommonBits(id.WithBit(bit, !id.GetBit(bit))));
    }

    [Fact]
    public void CommonBits_SameId_IsAllBits()
    {
        Assert.Equal(160, InfoHash.Parse(Sample).CommonBits(InfoHash.Parse(Sample)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(64)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(159)]
    public void LowestSetBit_SingleBit_ReturnsItsIndexFromTheTop(int bit)
    {
        var single = InfoHash.Zero.WithBit(bit, true);

        Assert.Equal(bit, single.LowestSetBit());

        // A higher set bit does not change the answer; the lowest (rightmost) one counts.
        Assert.Equal(bit, single.WithBit(0, true).LowestSetBit());
    }

    [Fact]
    public void LowestSetBit_Zero_IsMinusOne()
    {
        Assert.Equal(-1, InfoHash.Zero.LowestSetBit());
        Assert.True(InfoHash.Zero.IsZero);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(64)]
    [InlineData(131)]
    [InlineData(160)]
    public void WithPrefixOf_Bits_KeepsThisPrefixAndTheSuffixRest(int bits)
    {
        var prefix = InfoHash.Parse("ffffffffffffffffffffffffffffffffffffffff");
        var suffix = InfoHash.Zero;

        var combined = prefix.WithPrefixOf(suffix, bits);

        for (var i = 0; i < 160; i++)
        {
            Assert.Equal(i < bits, combined.GetBit(i));
        }

        Assert.Equal(bits, combined.CommonBits(prefix));
    }

    [Fact]
    public void WithBit_SetThenClear_RestoresTheId()
    {
        var id = InfoHash.Parse(Sample);

        var changed = id.WithBit(150, !id.GetBit(150));

        Assert.NotEqual(id, changed);
        Assert.Equal(id, changed.WithBit(150, id.GetBit(150)));
    }
}
