using System.Security.Cryptography;
using System.Text;
using JamiCluster.Grains.Tests.Support;
using JamiCluster.Interop.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace JamiCluster.Grains.Tests.Names;

public sealed class RegistrationVerifierTests
{
    private static readonly RegistrationVerifier Verifier = new(Options.Create(new NamesOptions()));

    private static RegistrationOutcome? Verify(string name, string addr, string publicKey, string signature) => Verifier.Verify(name, addr, publicKey, signature);

    [Fact]
    public void Verify_OpensslTestVector_Accepted() =>
        Assert.Null(Verify(TestVector.Name, TestVector.Body("addr"), TestVector.Body("publickey"), TestVector.Body("signature")));

    [Fact]
    public void Verify_KeyOfAnotherAddress_KeyMismatch() =>
        Assert.Equal(RegistrationOutcome.KeyMismatch, Verify(TestVector.Name, "2" + TestVector.Body("addr")[1..], TestVector.Body("publickey"), TestVector.Body("signature")));

    [Fact]
    public void Verify_OneSignatureBitFlipped_BadSignature()
    {
        var signature = Convert.FromBase64String(TestVector.Body("signature"));
        signature[100] ^= 1;
        Assert.Equal(RegistrationOutcome.BadSignature, Verify(TestVector.Name, TestVector.Body("addr"), TestVector.Body("publickey"), Convert.ToBase64String(signature)));
    }

    [Fact]
    public void Verify_SignatureOfAnotherName_BadSignature() =>
        Assert.Equal(RegistrationOutcome.BadSignature, Verify("alice-tesT", TestVector.Body("addr"), TestVector.Body("publickey"), TestVector.Body("signature")));

    [Theory]
    [InlineData("not base64 !!", "not base64")]
    [InlineData("TFMwdExTMUNSVWRKVGlCUVZVSk1TVU1nUzBWWkxTMHRMUzBL", "base64 of text that is no PEM")]
    public void Verify_GarbageKey_InvalidKey(string publicKey, string why) =>
        Assert.True(Verify(TestVector.Name, TestVector.Body("addr"), publicKey, TestVector.Body("signature")) == RegistrationOutcome.InvalidKey, why);

    [Fact]
    public void Verify_SignatureNotBase64_BadSignature() =>
        Assert.Equal(RegistrationOutcome.BadSignature, Verify(TestVector.Name, TestVector.Body("addr"), TestVector.Body("publickey"), "%%%"));

    [Fact]
    public void Verify_DerKeyInsteadOfPem_Accepted()
    {
        // The client's GnuTLS import takes DER as well as PEM, so a DER key is as good a proof.
        var pem = Encoding.ASCII.GetString(Convert.FromBase64String(TestVector.Body("publickey")));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var der = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        Assert.Null(Verify(TestVector.Name, TestVector.Body("addr"), der, TestVector.Body("signature")));
    }

    [Fact]
    public void Verify_EcKey_InvalidKey()
    {
        // A key type Jami accounts never have: its hash may be made to match, but it is refused as a key.
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = ec.ExportSubjectPublicKeyInfo();
        var publicKey = Convert.ToBase64String(Encoding.ASCII.GetBytes(ec.ExportSubjectPublicKeyInfoPem()));
        var addr = Convert.ToHexStringLower(SHA1.HashData(spki));
        var signature = Convert.ToBase64String(ec.SignData("alice-test"u8.ToArray(), HashAlgorithmName.SHA512));
        Assert.Equal(RegistrationOutcome.InvalidKey, Verify("alice-test", addr, publicKey, signature));
    }

    [Fact]
    public void Verify_Pkcs1RsaPublicKeyLabel_InvalidKey()
    {
        // "RSA PUBLIC KEY" (PKCS#1) is not what OpenDHT exports, and its hash is not a Jami ID.
        using var rsa = RSA.Create(2048);
        var pem = PemEncoding.WriteString("RSA PUBLIC KEY", rsa.ExportRSAPublicKey());
        var addr = Convert.ToHexStringLower(SHA1.HashData(rsa.ExportRSAPublicKey()));
        var signature = Convert.ToBase64String(rsa.SignData("alice-test"u8.ToArray(), HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1));
        Assert.Equal(RegistrationOutcome.InvalidKey, Verify("alice-test", addr, Convert.ToBase64String(Encoding.ASCII.GetBytes(pem)), signature));
    }

    [Fact]
    public void Verify_KeySmallerThanPolicy_InvalidKey()
    {
        using var rsa = RSA.Create(1024);
        var spki = rsa.ExportSubjectPublicKeyInfo();
        var publicKey = Convert.ToBase64String(Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()));
        var signature = Convert.ToBase64String(rsa.SignData("alice-test"u8.ToArray(), HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1));
        Assert.Equal(RegistrationOutcome.InvalidKey, Verify("alice-test", Convert.ToHexStringLower(SHA1.HashData(spki)), publicKey, signature));
    }

    [Fact]
    public void Verify_FreshAccount_AcceptedButNotWithAnotherKey()
    {
        var account = new NameAccount();
        Assert.Null(Verify("carol", account.Addr, account.PublicKey, account.Sign("carol")));
        using var other = RSA.Create(2048);
        Assert.Equal(RegistrationOutcome.KeyMismatch, Verify("carol", account.Addr, Convert.ToBase64String(Encoding.ASCII.GetBytes(other.ExportSubjectPublicKeyInfoPem())), account.Sign("carol")));
    }
}
