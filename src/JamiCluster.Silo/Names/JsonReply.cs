using System.Text.Json;

namespace JamiCluster.Silo.Names;

/// <summary>The name server's JSON bodies, written straight to the response (no reflection, no intermediate string).</summary>
internal static class JsonReply
{
    private const string ContentType = "application/json";

    /// <summary><c>{"error": "..."}</c>: the lookup error shape.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string error) =>
        WriteAsync(context, status, error, static (json, error) => json.WriteString("error"u8, error));

    /// <summary><c>{"success": false, "error": "..."}</c>: the registration error shape.</summary>
    public static Task FailureAsync(HttpContext context, int status, string error) =>
        WriteAsync(context, status, error, static (json, error) =>
        {
            json.WriteBoolean("success"u8, false);
            json.WriteString("error"u8, error);
        });

    /// <summary>A 200 reply with a body made earlier (<see cref="RecordBody"/>, <see cref="NameBody"/>).</summary>
    public static Task BodyAsync(HttpContext context, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>
    /// A name lookup's body: the canonical stored name (current clients verify the signature over the name in the
    /// reply), <c>0x</c> + the address, and the key and signature when the record has them.
    /// </summary>
    public static byte[] RecordBody(NameRecord record) => Serialize(record, static (json, record) =>
    {
        json.WriteString("name"u8, record.Name);
        WriteAddress(json, "addr"u8, record.Addr!);
        if (record.PublicKey is not null && record.Signature is not null)
        {
            json.WriteString("publickey"u8, record.PublicKey);
            json.WriteString("signature"u8, record.Signature);
        }
    });

    /// <summary><c>{"name": "..."}</c>: a reverse lookup's body.</summary>
    public static byte[] NameBody(string name) => Serialize(name, static (json, name) => json.WriteString("name"u8, name));

    /// <summary>One field of a record (<c>publickey</c>, <c>signature</c>, <c>owner</c>), or null when it has none.</summary>
    public static string? Field(NameRecord record, string field) => field switch
    {
        "owner" => record.Owner,
        "publickey" => record.PublicKey,
        _ => record.Signature,
    };

    /// <summary>The name and one field, as the reference's <c>GET /name/{name}/{field}</c> answers.</summary>
    public static Task FieldAsync(HttpContext context, NameRecord record, string field) =>
        WriteAsync(context, StatusCodes.Status200OK, (record, field), static (json, state) =>
        {
            json.WriteString("name"u8, state.record.Name);
            if (state.field == "owner")
            {
                WriteAddress(json, "owner"u8, state.record.Owner!);
            }
            else
            {
                json.WriteString(state.field, Field(state.record, state.field));
            }
        });

    /// <summary>
    /// A registration's answer: 200 <c>{"success":true}</c>; 409 when the name or the address is held (the client
    /// reports "already taken"); 401 when the key or signature does not prove the address (the client reports
    /// "signature verification failed"); 400 for an invalid name or key ("incomplete request").
    /// </summary>
    public static Task RegistrationAsync(HttpContext context, RegistrationResult result)
    {
        var (status, error) = result.Outcome switch
        {
            RegistrationOutcome.Registered or RegistrationOutcome.AlreadyRegistered => (StatusCodes.Status200OK, null),
            RegistrationOutcome.NameTaken => (StatusCodes.Status409Conflict, "name already registered"),
            RegistrationOutcome.AddressTaken => (StatusCodes.Status409Conflict, "address already has a name"),
            RegistrationOutcome.NameReserved => (StatusCodes.Status409Conflict, "name reserved"),
            RegistrationOutcome.NameRevoked => (StatusCodes.Status409Conflict, "name unavailable"),
            RegistrationOutcome.InvalidName => (StatusCodes.Status400BadRequest, "invalid name"),
            RegistrationOutcome.InvalidKey => (StatusCodes.Status400BadRequest, "publickey not found or invalid"),
            RegistrationOutcome.KeyMismatch => (StatusCodes.Status401Unauthorized, "publickey does not match addr"),
            _ => (StatusCodes.Status401Unauthorized, "signature verification failed"),
        };
        if (error is null)
        {
            return WriteAsync(context, status, 0, static (json, _) => json.WriteBoolean("success"u8, true));
        }

        // For a taken name or address, name the holder like the reference does (this is public through GET anyway).
        var holder = result.Outcome is RegistrationOutcome.NameTaken or RegistrationOutcome.AddressTaken ? result.Existing : null;
        return WriteAsync(context, status, (error, holder), static (json, state) =>
        {
            json.WriteBoolean("success"u8, false);
            json.WriteString("error"u8, state.error);
            if (state.holder is { } held)
            {
                json.WriteString("name"u8, held.Name);
                if (held.Addr is not null)
                {
                    WriteAddress(json, "addr"u8, held.Addr);
                }
            }
        });
    }

    private static void WriteAddress(Utf8JsonWriter json, ReadOnlySpan<byte> property, string hex)
    {
        Span<char> text = stackalloc char[2 + hex.Length];
        "0x".CopyTo(text);
        hex.CopyTo(text[2..]);
        json.WriteString(property, text);
    }

    private static byte[] Serialize<T>(T state, Action<Utf8JsonWriter, T> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json, state);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async Task WriteAsync<T>(HttpContext context, int status, T state, Action<Utf8JsonWriter, T> body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            body(json, state);
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
