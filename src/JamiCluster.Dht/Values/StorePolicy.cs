using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MessagePack;

namespace JamiCluster.Dht.Values;

/// <summary>The store and edit rules of 2.4.12 types (§6.4), as pure functions.</summary>
public static class StorePolicy
{
    private static readonly byte[] PemBegin = "-----BEGIN CERTIFICATE-----"u8.ToArray();

    /// <summary>Why a value was refused, or <see cref="StoreVerdict.Accept"/>.</summary>
    public static StoreVerdict CheckStore(InfoHash key, DhtValue value, ValueTypeSpec type)
    {
        if (value.Size > DhtLimits.MaxValueSize)
        {
            return StoreVerdict.TooLarge;
        }

        if (type.VerifySignatures && value.IsSigned && !value.VerifySignature())
        {
            return StoreVerdict.BadSignature;
        }

        if (type.Id == ValueTypeSpec.DhtMessageType && HasEmptyService(value.Data.Span))
        {
            return StoreVerdict.PolicyRejected;
        }

        if (type.Id == ValueTypeSpec.CertificateType && !CertificateMatchesKey(key, value.Data.Span))
        {
            return StoreVerdict.PolicyRejected;
        }

        return StoreVerdict.Accept;
    }

    /// <summary>Whether <paramref name="edit"/> may replace <paramref name="old"/> (same id, different content).</summary>
    public static StoreVerdict CheckEdit(InfoHash key, DhtValue old, DhtValue edit, ValueTypeSpec type)
    {
        switch (type.Edit)
        {
            case EditPolicy.SecureEdit:
                // An unsigned old value falls back to the plain policy, which rejects.
                if (!old.IsSigned || !edit.IsSigned)
                {
                    return StoreVerdict.EditRejected;
                }

                if (!old.Owner.Span.SequenceEqual(edit.Owner.Span))
                {
                    return StoreVerdict.WrongOwner;
                }

                if (!edit.VerifySignature())
                {
                    return StoreVerdict.BadSignature;
                }

                if (edit.Seq > old.Seq)
                {
                    return StoreVerdict.Accept;
                }

                return StoreVerdict.StaleSeq;
            case EditPolicy.SameCertificateKey:
                return CertificateKeyId(old.Data.Span) is { } a && CertificateKeyId(edit.Data.Span) is { } b && a == b && CertificateMatchesKey(key, edit.Data.Span)
                    ? StoreVerdict.Accept
                    : StoreVerdict.EditRejected;
            default:
                return StoreVerdict.EditRejected;
        }
    }

    /// <summary>A DHT message whose data is <c>[service, data]</c> with an empty service is refused.</summary>
    private static bool HasEmptyService(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new MessagePackReader(data.ToArray());
            if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() != 2 || reader.NextMessagePackType != MessagePackType.String)
            {
                return false;
            }

            return reader.TryReadStringSpan(out var service) && service.IsEmpty;
        }
        catch (MessagePackSerializationException)
        {
            return false;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
        catch (OverflowException)
        {
            // An array32 header above int.MaxValue.
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A str whose declared length runs past the end.
            return false;
        }
    }

    /// <summary>The key must be SHA-1 of the certificate's public key (2.4.12), or SHA-1 of its SHA-256 id (3.7.2+).</summary>
    private static bool CertificateMatchesKey(InfoHash key, ReadOnlySpan<byte> data)
    {
        var spki = CertificateSpki(data);
        if (spki is null)
        {
            return false;
        }

        return key == InfoHash.HashOf(spki) || key == InfoHash.HashOf(SHA256.HashData(spki));
    }

    private static InfoHash? CertificateKeyId(ReadOnlySpan<byte> data) => CertificateSpki(data) is { } spki ? InfoHash.HashOf(spki) : null;

    /// <summary>Finds the first PEM certificate in the data (2.4.12 prefixes it with a msgpack bin header) or reads DER.</summary>
    private static byte[]? CertificateSpki(ReadOnlySpan<byte> data)
    {
        try
        {
            var begin = data.IndexOf(PemBegin);
            using var cert = begin >= 0
                ? X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(data[begin..]))
                : X509CertificateLoader.LoadCertificate(data);
            return cert.PublicKey.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
