using System.Security.Cryptography;
using JamiCluster.Dht.Tests.Support;
using JamiCluster.Dht.Values;

namespace JamiCluster.Dht.Tests.Values;

public sealed class ValueQueryTests
{
    private static readonly DhtValue Unsigned = ValueBytes.Parse(ValueBytes.Unsigned(0x1122334455667788, 3, "x"u8, "text/plain"));
    private static readonly DhtValue Signed = ValueBytes.Parse(ValueBytes.Signed(RsaKeys.Owner, 153, 4, 0, "y"u8));

    [Fact]
    public void Matches_NoFilter_MatchesEverything()
    {
        Assert.True(ValueQuery.All.Matches(Unsigned));
        Assert.True(ValueQuery.All.Matches(Signed));
        Assert.False(ValueQuery.All.SelectsFields);
    }

    [Fact]
    public void Matches_IdFilter_MatchesOnlyThatId()
    {
        var query = Where(new FieldFilter(ValueField.Id, 0x1122334455667788, null));

        Assert.True(query.Matches(Unsigned));
        Assert.False(query.Matches(Signed));
    }

    [Fact]
    public void Matches_TypeFilter_ComparesTheValueType()
    {
        Assert.True(Where(new FieldFilter(ValueField.ValueType, 3, null)).Matches(Unsigned));
        Assert.False(Where(new FieldFilter(ValueField.ValueType, 0, null)).Matches(Unsigned));
    }

    [Fact]
    public void Matches_UserTypeFilter_ComparesTheBytes()
    {
        Assert.True(Where(new FieldFilter(ValueField.UserType, 0, "text/plain"u8.ToArray())).Matches(Unsigned));
        Assert.False(Where(new FieldFilter(ValueField.UserType, 0, "text/html"u8.ToArray())).Matches(Unsigned));
        Assert.False(Where(new FieldFilter(ValueField.UserType, 0, null)).Matches(Unsigned));
    }

    [Fact]
    public void Matches_OwnerFilter_ComparesSha1OfTheOwnerKey()
    {
        byte[] spki;
        lock (RsaKeys.Owner)
        {
            spki = RsaKeys.Owner.ExportSubjectPublicKeyInfo();
        }

        var ownerId = SHA1.HashData(spki);

        Assert.True(Where(new FieldFilter(ValueField.OwnerPk, 0, ownerId)).Matches(Signed));
        Assert.False(Where(new FieldFilter(ValueField.OwnerPk, 0, ownerId)).Matches(Unsigned));
        Assert.False(Where(new FieldFilter(ValueField.OwnerPk, 0, new byte[20])).Matches(Signed));

        // Only a 20-byte id can match; the full key (what fileds carries) does not.
        Assert.False(Where(new FieldFilter(ValueField.OwnerPk, 0, spki)).Matches(Signed));
    }

    [Fact]
    public void Matches_SeqFilter_ComparesTheSequenceNumber()
    {
        Assert.True(Where(new FieldFilter(ValueField.SeqNum, 4, null)).Matches(Signed));
        Assert.False(Where(new FieldFilter(ValueField.SeqNum, 5, null)).Matches(Signed));
    }

    [Fact]
    public void Matches_SeveralFilters_AllMustMatch()
    {
        var both = Where(new FieldFilter(ValueField.Id, 153, null), new FieldFilter(ValueField.ValueType, 0, null));
        var one = Where(new FieldFilter(ValueField.Id, 153, null), new FieldFilter(ValueField.ValueType, 1, null));

        Assert.True(both.Matches(Signed));
        Assert.False(one.Matches(Signed));
    }

    [Fact]
    public void NormalizedSelect_UnsortedWithDuplicatesAndNone_IsSortedAndUnique()
    {
        var query = new ValueQuery([ValueField.SeqNum, ValueField.Id, ValueField.None, ValueField.SeqNum], []);

        Assert.Equal([ValueField.Id, ValueField.SeqNum], query.NormalizedSelect());
        Assert.True(query.SelectsFields);
    }

    private static ValueQuery Where(params FieldFilter[] filters) => new([], filters);
}
