using JamiCluster.Grains.Tests.Support;
using Microsoft.Extensions.Options;

namespace JamiCluster.Grains.Tests.Names;

public sealed class NameRulesTests
{
    private static readonly NameRules Unicode = new(Options.Create(new NamesOptions { AllowUnicode = true }));

    [Theory]
    [InlineData("alice-test")]
    [InlineData("bob_42")]
    [InlineData("abc")]
    [InlineData("a2345678901234567890123456789012")]
    public void IsCanonical_ReferenceNames_True(string name) => Assert.True(NamesCluster.Rules.IsCanonical(name));

    [Theory]
    [InlineData("ab", "shorter than 3")]
    [InlineData("a23456789012345678901234567890123", "longer than 32")]
    [InlineData("al ice", "space")]
    [InlineData("alice.test", "dot")]
    [InlineData("alice/x", "slash")]
    [InlineData("josé", "non-ASCII letter while Unicode is off")]
    [InlineData("", "empty")]
    [InlineData("ali\u200Bce", "zero-width space")]
    public void Canonicalize_InvalidNames_Null(string name, string why)
    {
        Assert.True(NamesCluster.Rules.Canonicalize(name) is null, why);
        Assert.True(Unicode.Canonicalize(name) is null || why.Contains("Unicode", StringComparison.Ordinal), why);
    }

    [Fact]
    public void Canonicalize_UpperCase_FoldsForLookupButIsNotCanonical()
    {
        Assert.Equal("alice-test", NamesCluster.Rules.Canonicalize("Alice-TEST"));
        Assert.False(NamesCluster.Rules.IsCanonical("Alice-TEST"));
    }

    [Fact]
    public void Canonicalize_UnicodeOn_NfcAndLowerCase()
    {
        Assert.Equal("josé", Unicode.Canonicalize("JOSE\u0301"));
        Assert.True(Unicode.IsCanonical("josé"));
        Assert.False(Unicode.IsCanonical("jose\u0301"));
        Assert.True(Unicode.IsCanonical("пример"));
        Assert.True(Unicode.IsCanonical("名前テスト"));
    }

    [Theory]
    [InlineData("\u0430pple", "Cyrillic a in a Latin name")]
    [InlineData("p\u0430ypal", "Cyrillic a inside Latin")]
    [InlineData("\u03bfmega-o", "Greek omicron with Latin")]
    public void Canonicalize_UnicodeOn_MixedScriptLookAlikes_Null(string name, string why) =>
        Assert.True(Unicode.Canonicalize(name) is null, why);

    [Fact]
    public void Canonicalize_UnicodeOn_LengthCountedInUtf8Bytes()
    {
        // 11 Cyrillic letters = 22 bytes: fits; 17 = 34 bytes: does not (the reference's 32-byte field).
        Assert.NotNull(Unicode.Canonicalize(new string('ж', 11)));
        Assert.Null(Unicode.Canonicalize(new string('ж', 17)));
    }

    [Fact]
    public void Canonicalize_LoneSurrogate_Null() => Assert.Null(Unicode.Canonicalize("abc\uD800"));
}
