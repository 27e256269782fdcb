using JamiCluster.Dht.Tests.Support;
using JamiCluster.Dht.Values;

namespace JamiCluster.Dht.Tests.Values;

public sealed class StorePolicyTests
{
    private static readonly InfoHash Key = InfoHash.Get("opendht-wire/signed");
    private static readonly ValueTypeRegistry Types = new();

    [Fact]
    public void CheckStore_DataAbove64KiB_IsTooLarge()
    {
        var value = ValueBytes.Parse(ValueBytes.Unsigned(1, 0, new byte[DhtLimits.MaxValueSize + 1]));

        Assert.Equal(StoreVerdict.TooLarge, StorePolicy.CheckStore(Key, value, Types.Get(0)));
    }

    [Fact]
    public void CheckStore_DataOf64KiB_IsAccepted()
    {
        var value = ValueBytes.Parse(ValueBytes.Unsigned(1, 0, new byte[DhtLimits.MaxValueSize]));

        Assert.Equal(StoreVerdict.Accept, StorePolicy.CheckStore(Key, value, Types.Get(0)));
    }

    [Fact]
    public void CheckStore_BadSignatureOnRegisteredType_IsRefusedButUnregisteredTypesDoNotCheck()
    {
        var forged = ValueBytes.Parse(ValueBytes.Signed(RsaKeys.Owner, 1, 0, 0, "x"u8, signer: RsaKeys.Other));
        var forgedUnregistered = ValueBytes.Parse(ValueBytes.Signed(RsaKeys.Owner, 1, 0, 777, "x"u8, signer: RsaKeys.Other));

        Assert.Equal(StoreVerdict.BadSignature, StorePolicy.CheckStore(Key, forged, Types.Get(0)));

        // 2.4.12 only wraps its registered types with signature checks.
        Assert.Equal(StoreVerdict.Accept, StorePolicy.CheckStore(Key, forgedUnregistered, Types.Get(777)));
    }

    [Fact]
    public void CheckStore_DhtMessageWithEmptyService_IsRejected()
    {
        // Type 1 data = msgpack ["", bin]: an empty service name.
        var empty = ValueBytes.Parse(ValueBytes.Unsigned(1, 1, Hex.Bytes("92a0c40101")));
        var named = ValueBytes.Parse(ValueBytes.Unsigned(1, 1, Hex.Bytes("92a3696365c40101")));

        Assert.Equal(StoreVerdict.PolicyRejected, StorePolicy.CheckStore(Key, empty, Types.Get(1)));
        Assert.Equal(StoreVerdict.Accept, StorePolicy.CheckStore(Key, named, Types.Get(1)));
    }

    [Theory]
    [InlineData("ddffffffff")] // array32 above int.MaxValue
    [InlineData("dd7fffffff")] // array32 longer than the data
    [InlineData("92dbffffffff")] // [str32 of 4 GiB, ...]
    [InlineData("92d9")] // truncated str8
    [InlineData("c1")] // never-used code
    [InlineData("")]
    public void CheckStore_DhtMessageWithHostileData_TreatsItAsOpaqueWithoutThrowing(string dataHex)
    {
        var value = ValueBytes.Parse(ValueBytes.Unsigned(1, 1, Hex.Bytes(dataHex)));

        // Data that is not [service, data] is stored as plain user data.
        Assert.Equal(StoreVerdict.Accept, StorePolicy.CheckStore(Key, value, Types.Get(1)));
    }

    [Fact]
    public void CheckStore_CapturedCertificate_IsAcceptedUnderItsPublicKeyIdOnly()
    {
        var value = CapturedCertificate();

        Assert.Equal(2153, value.Raw.Length);
        Assert.Equal(1UL, value.Id);
        Assert.Equal(ValueTypeSpec.CertificateType, value.Type);
        Assert.Equal(2123, value.Data.Length);
        Assert.StartsWith("c508482d2d2d2d2d42454749", Hex.Of(value.Data), StringComparison.Ordinal);

        // 2.4.12 stored it under D's public-key id (SHA-1 of the SPKI), so our policy must agree; any other key is refused.
        var certificate = Types.Get(ValueTypeSpec.CertificateType);
        Assert.Equal(StoreVerdict.Accept, StorePolicy.CheckStore(InfoHash.Parse(SampleTable.DPublicKeyId), value, certificate));
        Assert.Equal(StoreVerdict.PolicyRejected, StorePolicy.CheckStore(InfoHash.Parse(SampleTable.SignedKey), value, certificate));
    }

    [Fact]
    public void CheckEdit_TypeWithRejectPolicy_IsRejectedEvenWhenSigned()
    {
        var old = ValueBytes.Parse(ValueBytes.Signed(RsaKeys.Owner, 1, 1, 2, "a"u8));
        var edit = ValueBytes.Parse(ValueBytes.Signed(RsaKeys.Owner, 1, 2, 2, "b"u8));

        Assert.Equal(StoreVerdict.EditRejected, StorePolicy.CheckEdit(Key, old, edit, Types.Get(2)));
    }

    [Fact]
    public void CheckEdit_UnsignedEditOfSignedValue_IsRejected()
    {
        var old = ValueBytes.Parse(ValueBytes.Signed(RsaKeys.Owner, 1, 1, 0, "a"u8));
        var edit = ValueBytes.Parse(ValueBytes.Unsigned(1, 0, "b"u8, seq: 9));

        Assert.Equal(StoreVerdict.EditRejected, StorePolicy.CheckEdit(Key, old, edit, Types.Get(0)));
    }

    [Fact]
    public void CheckEdit_CertificateWithTheSamePublicKey_IsAccepted()
    {
        var key = InfoHash.Parse(SampleTable.DPublicKeyId);
        var certificate = CapturedCertificate();

        Assert.Equal(StoreVerdict.Accept, StorePolicy.CheckEdit(key, certificate, certificate, Types.Get(ValueTypeSpec.CertificateType)));
    }

    [Fact]
    public void CheckEdit_CertificateReplacedByGarbage_IsRejected()
    {
        var key = InfoHash.Parse(SampleTable.DPublicKeyId);
        var garbage = ValueBytes.Parse(ValueBytes.Unsigned(1, ValueTypeSpec.CertificateType, "not a certificate"u8));

        Assert.Equal(StoreVerdict.EditRejected, StorePolicy.CheckEdit(key, CapturedCertificate(), garbage, Types.Get(ValueTypeSpec.CertificateType)));
    }

    /// <summary>The certificate value D announced (samples 42–44), reassembled.</summary>
    private static DhtValue CapturedCertificate() => ValueBytes.Parse(Vectors.Reassemble(42, 43, 44));
}
