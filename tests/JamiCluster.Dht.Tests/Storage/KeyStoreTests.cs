using JamiCluster.Dht.Storage;
using JamiCluster.Dht.Tests.Support;
using JamiCluster.Dht.Values;

namespace JamiCluster.Dht.Tests.Storage;

public sealed class KeyStoreTests
{
    private const string Putter = "192.0.2.1";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly InfoHash Key = InfoHash.Get("opendht-wire/put-small");
    private static readonly ValueTypeRegistry Types = new();
    private static readonly ValueTypeSpec UserData = Types.Get(0);

    [Fact]
    public void Store_NewValue_IsAddedWithTypeLifetime()
    {
        var store = new KeyStore(Key);
        var value = Unsigned(1, "hello world");

        var result = store.Store(value, UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        Assert.Equal(StoreChange.Added, result.Change);
        Assert.Equal(StoreVerdict.Accept, result.Verdict);
        Assert.Equal(Hex.Of(value.Raw), Hex.Of(store.Find(1)!.Value.Raw));
        Assert.Equal(Now + TimeSpan.FromMinutes(10), store.Find(1)?.Expiration);
        Assert.Equal(value.Raw.Length, store.Bytes);
        Assert.Equal(Putter, store.Find(1)?.QuotaOwner);
    }

    [Fact]
    public void Store_IdenticalReput_IsARefreshThatRestartsTheLifetime()
    {
        var store = new KeyStore(Key);
        store.Store(Unsigned(1, "hello world"), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);
        var later = Now + TimeSpan.FromMinutes(4);

        var result = store.Store(Unsigned(1, "hello world"), UserData, later, later, Putter, DhtLimits.MaxValuesPerKey);

        Assert.Equal(StoreChange.Refreshed, result.Change);
        Assert.Equal(later + TimeSpan.FromMinutes(10), store.Find(1)?.Expiration);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Store_UnsignedEditOfUnsignedValue_IsRejected()
    {
        var store = new KeyStore(Key);
        var original = Unsigned(1, "hello world");
        store.Store(original, UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        var result = store.Store(Unsigned(1, "changed"), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        // Without an owner nobody can prove the right to edit: the first writer keeps the id.
        Assert.Equal(StoreChange.None, result.Change);
        Assert.Equal(StoreVerdict.EditRejected, result.Verdict);
        Assert.Equal(Hex.Of(original.Raw), Hex.Of(store.Find(1)!.Value.Raw));
    }

    [Fact]
    public void Store_CreatedInTheFuture_IsCappedToNow()
    {
        var store = new KeyStore(Key);

        store.Store(Unsigned(1, "x"), UserData, Now + TimeSpan.FromDays(365), Now, Putter, DhtLimits.MaxValuesPerKey);

        // Otherwise a putter could make its value live for a year on a 10-minute type.
        Assert.Equal(Now, store.Find(1)?.Created);
        Assert.Equal(Now + TimeSpan.FromMinutes(10), store.Find(1)?.Expiration);
    }

    [Fact]
    public void Store_CreatedInThePast_ExpiresEarlier()
    {
        var store = new KeyStore(Key);

        store.Store(Unsigned(1, "x"), UserData, Now - TimeSpan.FromMinutes(4), Now, Putter, DhtLimits.MaxValuesPerKey);

        Assert.Equal(Now + TimeSpan.FromMinutes(6), store.Find(1)?.Expiration);
    }

    [Fact]
    public void Store_AlreadyExpired_IsRefused()
    {
        var store = new KeyStore(Key);

        var result = store.Store(Unsigned(1, "x"), UserData, Now - TimeSpan.FromMinutes(11), Now, Putter, DhtLimits.MaxValuesPerKey);

        Assert.Equal(StoreVerdict.Expired, result.Verdict);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Expire_PastTypeLifetime_RemovesOnlyExpiredValues()
    {
        var store = new KeyStore(Key);
        var iceType = Types.Get(5);
        store.Store(Unsigned(1, "ice", type: 5), iceType, Now, Now, Putter, DhtLimits.MaxValuesPerKey);
        store.Store(Unsigned(2, "user data"), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);
        var expired = new List<StoredValue>();

        store.Expire(Now + TimeSpan.FromSeconds(59), expired);
        Assert.Empty(expired);
        store.Expire(Now + TimeSpan.FromMinutes(1), expired);

        // ICE candidates live 1 minute, user data 10.
        Assert.Equal(1UL, Assert.Single(expired).Value.Id);
        Assert.Null(store.Find(1));
        Assert.NotNull(store.Find(2));
        Assert.Equal(store.Find(2)!.ChargedBytes, store.Bytes);
        Assert.Equal(Now + TimeSpan.FromMinutes(10), store.NextExpiration());
    }

    [Fact]
    public void Store_KeyAtCapacity_RefusesNewIdsButRefreshesKnownOnes()
    {
        var store = new KeyStore(Key);
        store.Store(Unsigned(1, "a"), UserData, Now, Now, Putter, maxValues: 2);
        store.Store(Unsigned(2, "b"), UserData, Now, Now, Putter, maxValues: 2);

        var third = store.Store(Unsigned(3, "c"), UserData, Now, Now, Putter, maxValues: 2);
        var refresh = store.Store(Unsigned(2, "b"), UserData, Now, Now, Putter, maxValues: 2);

        Assert.Equal(StoreVerdict.QuotaExceeded, third.Verdict);
        Assert.Equal(StoreChange.Refreshed, refresh.Change);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void Refresh_KnownAndUnknownIds_RestartsOnlyKnownOnes()
    {
        var store = new KeyStore(Key);
        store.Store(Unsigned(1, "a"), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);
        var later = Now + TimeSpan.FromMinutes(5);

        Assert.True(store.Refresh(1, Types, later));
        Assert.False(store.Refresh(2, Types, later));

        Assert.Equal(later + TimeSpan.FromMinutes(10), store.Find(1)?.Expiration);
    }

    [Fact]
    public void Remove_StoredValue_ReleasesItsBytes()
    {
        var store = new KeyStore(Key);
        store.Store(Unsigned(1, "a"), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        Assert.True(store.Remove(1, out var removed));

        Assert.Equal(1UL, removed!.Value.Id);
        Assert.Equal(0, store.Bytes);
        Assert.Null(store.NextExpiration());
        Assert.False(store.Remove(1, out _));
    }

    [Fact]
    public void Store_SignedEditWithHigherSeq_ReplacesTheValue()
    {
        var store = new KeyStore(Key);
        store.Store(Signed(seq: 1, "v1"), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);
        var edit = Signed(seq: 2, "v2");

        var result = store.Store(edit, UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        Assert.Equal(StoreChange.Edited, result.Change);
        Assert.Equal(1UL, result.Replaced?.Value.Seq);
        Assert.Equal(Hex.Of(edit.Raw), Hex.Of(store.Find(7)!.Value.Raw));
        Assert.Equal(edit.Raw.Length, store.Bytes);
    }

    [Theory]
    [InlineData(5UL)]
    [InlineData(4UL)]
    public void Store_SignedEditWithEqualOrLowerSeq_IsStale(ulong seq)
    {
        var store = new KeyStore(Key);
        var original = Signed(seq: 5, "v5");
        store.Store(original, UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        var result = store.Store(Signed(seq, "other content"), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        Assert.Equal(StoreVerdict.StaleSeq, result.Verdict);
        Assert.Equal(Hex.Of(original.Raw), Hex.Of(store.Find(7)!.Value.Raw));
    }

    [Fact]
    public void Store_SignedIdenticalReannounce_IsARefresh()
    {
        var store = new KeyStore(Key);
        var raw = ValueBytes.Signed(RsaKeys.Owner, 7, 5, 0, "v5"u8);
        store.Store(ValueBytes.Parse(raw), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        // PKCS#1 v1.5 is deterministic, so a re-announce by anyone is byte-identical.
        var result = store.Store(ValueBytes.Parse(raw.ToArray()), UserData, Now, Now, "198.51.100.1", DhtLimits.MaxValuesPerKey);

        Assert.Equal(StoreChange.Refreshed, result.Change);
    }

    [Fact]
    public void Store_SignedEditByAnotherOwner_IsRejected()
    {
        var store = new KeyStore(Key);
        store.Store(Signed(seq: 1, "v1"), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);
        var hijack = ValueBytes.Parse(ValueBytes.Signed(RsaKeys.Other, 7, 2, 0, "hijacked"u8));

        var result = store.Store(hijack, UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        Assert.Equal(StoreVerdict.WrongOwner, result.Verdict);
        Assert.Equal(1UL, store.Find(7)?.Value.Seq);
    }

    [Fact]
    public void Store_SignedEditWithBadSignature_IsRejected()
    {
        var store = new KeyStore(Key);
        store.Store(Signed(seq: 1, "v1"), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        // Claims the owner's key but is signed by another: the owner matches, the signature does not.
        var forged = ValueBytes.Parse(ValueBytes.Signed(RsaKeys.Owner, 7, 2, 0, "forged"u8, signer: RsaKeys.Other));
        var result = store.Store(forged, UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        Assert.Equal(StoreVerdict.BadSignature, result.Verdict);
        Assert.Equal(1UL, store.Find(7)?.Value.Seq);
    }

    [Fact]
    public void Store_NewSignedValueWithBadSignature_IsNotStored()
    {
        var store = new KeyStore(Key);
        var forged = ValueBytes.Parse(ValueBytes.Signed(RsaKeys.Owner, 7, 2, 0, "forged"u8, signer: RsaKeys.Other));

        var result = store.Store(forged, UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        Assert.Equal(StoreVerdict.BadSignature, result.Verdict);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Store_CapturedSignedValue_IsAcceptedUnderTypeZero()
    {
        // The 1149-byte value dhtnode -i signed in the capture (samples 46 and 47; one part carries it whole).
        var raw = Vectors.Decode(47).Parts[0].Data.ToArray();
        var store = new KeyStore(InfoHash.Parse(SampleTable.SignedKey));

        var result = store.Store(ValueBytes.Parse(raw), UserData, Now, Now, Putter, DhtLimits.MaxValuesPerKey);

        Assert.Equal(StoreChange.Added, result.Change);
    }

    private static DhtValue Unsigned(ulong id, string data, ulong type = 0) =>
        ValueBytes.Parse(ValueBytes.Unsigned(id, type, System.Text.Encoding.UTF8.GetBytes(data)));

    private static DhtValue Signed(ulong seq, string data) =>
        ValueBytes.Parse(ValueBytes.Signed(RsaKeys.Owner, 7, seq, 0, System.Text.Encoding.UTF8.GetBytes(data)));
}
