using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace JamiCluster.Grains.Names;

/// <summary>
/// Proof of key ownership for a registration: the public key (base64 of PEM, as the client sends it) must be an
/// RSA SubjectPublicKeyInfo whose SHA-1 is the address, and the signature must be RSA PKCS#1 v1.5 SHA-512 over
/// the UTF-8 name. The reference server skips the hash check; without it anyone could bind a name to another
/// person's Jami ID.
/// </summary>
public sealed class RegistrationVerifier(IOptions<NamesOptions> options)
{
    private const int MaxEncodedKeyChars = 8192;
    private const int MaxEncodedSignatureChars = 4096;
    private readonly NamesOptions _options = options.Value;

    /// <summary>Null when the registration proves ownership of the address, else why not.</summary>
    public RegistrationOutcome? Verify(string name, string addr, string? publicKey, string? signature)
    {
        if (publicKey is null || publicKey.Length > MaxEncodedKeyChars || !TryReadKey(publicKey, out var spki))
        {
            return RegistrationOutcome.InvalidKey;
        }

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(spki, out var read);
            if (read != spki.Length || rsa.KeySize < _options.MinKeyBits || rsa.KeySize > _options.MaxKeyBits)
            {
                return RegistrationOutcome.InvalidKey;
            }
        }
        catch (CryptographicException)
        {
            // Not RSA (an EC key, say) or not a key at all.
            return RegistrationOutcome.InvalidKey;
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA1.HashData(spki)), addr, StringComparison.Ordinal))
        {
            return RegistrationOutcome.KeyMismatch;
        }

        if (signature is null || signature.Length > MaxEncodedSignatureChars)
        {
            return RegistrationOutcome.BadSignature;
        }

        var signatureBytes = new byte[Base64.GetMaxDecodedFromUtf8Length(signature.Length)];
        if (!Convert.TryFromBase64String(signature, signatureBytes, out var length))
        {
            return RegistrationOutcome.BadSignature;
        }

        var verified = rsa.VerifyData(Encoding.UTF8.GetBytes(name), signatureBytes.AsSpan(0, length), HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
        return verified ? null : RegistrationOutcome.BadSignature;
    }

    /// <summary>
    /// The DER SubjectPublicKeyInfo inside the client's key: base64 of a "PUBLIC KEY" PEM (what OpenDHT writes), or
    /// base64 of the DER itself (which the client's GnuTLS import also accepts).
    /// </summary>
    private static bool TryReadKey(string encoded, out byte[] spki)
    {
        spki = [];
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return false;
        }

        if (decoded.Length > 0 && decoded[0] == 0x30)
        {
            spki = decoded;
            return true;
        }

        var pem = Encoding.ASCII.GetString(decoded);
        if (!PemEncoding.TryFind(pem, out var fields) || !pem.AsSpan()[fields.Label].SequenceEqual("PUBLIC KEY"))
        {
            return false;
        }

        spki = new byte[fields.DecodedDataLength];
        return Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], spki, out var written) && written == spki.Length;
    }
}
