using System.Buffers;
using System.Text.Json;
using JamiCluster.Grains.Names;
using JamiCluster.Silo.Hosting;

namespace JamiCluster.Silo.Names;

/// <summary>
/// Reads a registration body: a JSON object with string fields <c>addr</c>, <c>owner</c>, <c>signature</c> and
/// <c>publickey</c> (extra fields are ignored). Every refusal says which field is wrong.
/// </summary>
internal static class NameRequestReader
{
    /// <summary>Why a body was refused.</summary>
    public enum Problem
    {
        None,
        TooLarge,
        BadJson,
        BadAddr,
        BadOwner,
        MissingKey,
        MissingSignature,
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> from the body and parses it.</summary>
    public static async Task<(NameRegistration? Registration, Problem Problem)> ReadAsync(HttpRequest request, string name, int maxBytes, CancellationToken cancellation) =>
        await RequestBody.ReadAsync(request, maxBytes, cancellation) is { } body ? Parse(new ReadOnlySequence<byte>(body), name) : (null, Problem.TooLarge);

    private static (NameRegistration?, Problem) Parse(ReadOnlySequence<byte> json, string name)
    {
        string? addr = null, owner = null, signature = null, publicKey = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, Problem.BadJson);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("addr"u8) ? 1 : reader.ValueTextEquals("owner"u8) ? 2
                    : reader.ValueTextEquals("signature"u8) ? 3 : reader.ValueTextEquals("publickey"u8) ? 4 : 0;
                reader.Read();
                if (field == 0)
                {
                    reader.Skip();
                    continue;
                }

                // A field of the wrong type counts as missing; its checks below then name it.
                var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    reader.Skip();
                }

                switch (field)
                {
                    case 1: addr = text; break;
                    case 2: owner = text; break;
                    case 3: signature = text; break;
                    default: publicKey = text; break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return (null, Problem.BadJson);
            }
        }
        catch (JsonException)
        {
            return (null, Problem.BadJson);
        }
        catch (InvalidOperationException)
        {
            // A string with invalid UTF-8 or escapes.
            return (null, Problem.BadJson);
        }

        // The reference's order of checks: addr, owner, then key and signature (the name is checked by the caller).
        if (addr is null || NameAddress.Parse(addr) is not { } parsedAddr)
        {
            return (null, Problem.BadAddr);
        }

        string? parsedOwner = null;
        if (!string.IsNullOrEmpty(owner) && (parsedOwner = NameAddress.Parse(owner)) is null)
        {
            return (null, Problem.BadOwner);
        }

        if (string.IsNullOrEmpty(publicKey))
        {
            return (null, Problem.MissingKey);
        }

        if (string.IsNullOrEmpty(signature))
        {
            return (null, Problem.MissingSignature);
        }

        return (new NameRegistration(name, parsedAddr, publicKey, signature, parsedOwner), Problem.None);
    }
}
