namespace JamiCluster.Grains.Tests.Names;

public sealed class NameAddressTests
{
    private const string Hex = "156f1c929fe394b1d3cb54a81dfa5fa6ab79cb76";

    [Theory]
    [InlineData(Hex)]
    [InlineData("0x" + Hex)]
    [InlineData("ring:" + Hex)]
    [InlineData("jami:" + Hex)]
    [InlineData("0X156F1C929FE394B1D3CB54A81DFA5FA6AB79CB76")]
    public void Parse_ClientForms_LowercaseHex(string text) => Assert.Equal(Hex, NameAddress.Parse(text));

    [Theory]
    [InlineData("0000000000000000000000000000000000000000", "zero address")]
    [InlineData("156f1c929fe394b1d3cb54a81dfa5fa6ab79cb7", "39 digits")]
    [InlineData("156f1c929fe394b1d3cb54a81dfa5fa6ab79cb766", "41 digits")]
    [InlineData("156f1c929fe394b1d3cb54a81dfa5fa6ab79cbzz", "not hex")]
    [InlineData("0x", "prefix only")]
    [InlineData("", "empty")]
    public void Parse_Invalid_Null(string text, string why) => Assert.True(NameAddress.Parse(text) is null, why);
}
