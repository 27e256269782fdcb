using System.Text;
using System.Text.Json;
using JamiCluster.Dht.Tests.Support;
using JamiCluster.Dht.Values;

namespace JamiCluster.Dht.Tests.Values;

public sealed class ValueJsonTests
{
    private static string Json(DhtValue value, bool expired = false)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            ValueJson.Write(json, value, expired);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static DhtValue Unsigned(ulong id, ulong type, byte[] data, string? userType = null, ulong prio = 0) =>
        ValueBytes.Parse(DhtValueWriter.Write(new ValueFields(id, type, data, userType is null ? default : Encoding.UTF8.GetBytes(userType), 0, default, null, default, default, prio)));

    [Fact]
    public void Write_UnsignedValues_SameTextAsThe2412ProxyCaptures()
    {
        // Lines of the LISTEN and GET captures in dht-proxy-rest.md §12.
        Assert.Equal("{\"data\":\"AAEC\",\"id\":\"42\",\"type\":3,\"utype\":\"text/plain\"}", Json(Unsigned(42, 3, [0, 1, 2], "text/plain")));
        Assert.Equal("{\"data\":\"AAEC\",\"expired\":true,\"id\":\"42\",\"type\":3,\"utype\":\"text/plain\"}", Json(Unsigned(42, 3, [0, 1, 2], "text/plain"), expired: true));
        Assert.Equal("{\"data\":\"cHVzaDI=\",\"id\":\"11865054453278544111\",\"prio\":1,\"type\":0}", Json(Unsigned(11865054453278544111, 0, "push2"u8.ToArray(), prio: 1)));
        Assert.Equal("{\"data\":\"aGVsbG8gd29ybGQ=\",\"id\":\"18424445249570920016\",\"type\":0}", Json(Unsigned(18424445249570920016, 0, "hello world"u8.ToArray())));
    }

    [Fact]
    public void JsonRoundTrip_CapturedSignedValue_PacksToTheSameBytesAndVerifies()
    {
        var raw = Vectors.Reassemble(46, 47);
        var text = Json(ValueBytes.Parse(raw));
        using var document = JsonDocument.Parse(text);

        Assert.True(ValueJson.TryRead(document.RootElement, out var fields, out var error), error);
        var rebuilt = DhtValueWriter.Write(fields);

        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", document.RootElement.GetProperty("owner").GetString(), StringComparison.Ordinal);
        Assert.Equal(Hex.Of(raw), Hex.Of(rebuilt));
        Assert.True(ValueBytes.Parse(rebuilt).VerifySignature());
    }

    [Theory]
    [InlineData("{\"data\":\"aGVsbG8=\"}", 0UL, 0UL)]
    [InlineData("{\"id\":\"42\",\"type\":3,\"data\":\"AAEC\",\"utype\":\"text/plain\",\"prio\":0}", 42UL, 3UL)]
    [InlineData("{\"id\":42,\"data\":\"AAEC\",\"permanent\":{\"key\":\"x\"}}", 42UL, 0UL)]
    public void TryRead_ClientBodies_Accepted(string json, ulong id, ulong type)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(ValueJson.TryRead(document.RootElement, out var fields, out var error), error);
        Assert.Equal(id, fields.Id);
        Assert.Equal(type, fields.Type);
    }

    [Theory]
    [InlineData("[1,2]", "not an object")]
    [InlineData("{\"data\":\"not base64!\"}", "data not base64")]
    [InlineData("{\"id\":\"-1\"}", "negative id")]
    [InlineData("{\"id\":\"18446744073709551616\"}", "id over 64 bits")]
    [InlineData("{\"type\":70000}", "type over 16 bits")]
    [InlineData("{\"data\":\"AA==\",\"owner\":\"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\\n\"}", "signed without sig")]
    [InlineData("{\"to\":\"xyz\"}", "recipient not hex")]
    public void TryRead_InvalidBodies_RefusedWithAReason(string json, string why)
    {
        using var document = JsonDocument.Parse(json);
        Assert.False(ValueJson.TryRead(document.RootElement, out _, out var error), why);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
