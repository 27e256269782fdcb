using JamiCluster.Dht.Tests.Support;
using JamiCluster.Dht.Values;

namespace JamiCluster.Dht.Tests.Values;

public sealed class DhtValueWriterTests
{
    private static ValueFields FieldsOf(DhtValue v) => new(
        v.Id, v.Type, v.Data, v.UserType, v.Seq, v.Owner, v.Recipient.IsEmpty ? null : InfoHash.FromBytes(v.Recipient.Span), v.Signature, v.Cypher, v.Priority);

    [Fact]
    public void Write_CapturedSignedValueFromItsFields_ByteIdenticalAndStillVerifies()
    {
        // The signature covers the packed body: a value rebuilt from its fields (as the proxy does from JSON) must be
        // the same bytes OpenDHT 2.4.12 packed, or the owner's signature would no longer verify.
        var raw = Vectors.Reassemble(46, 47);
        var captured = ValueBytes.Parse(raw);

        var rebuilt = DhtValueWriter.Write(FieldsOf(captured));

        Assert.Equal(Hex.Of(raw), Hex.Of(rebuilt));
        Assert.True(ValueBytes.Parse(rebuilt).VerifySignature());
        Assert.Equal(Hex.Of(captured.Body), Hex.Of(DhtValueWriter.WriteBody(FieldsOf(captured))));
    }

    [Theory]
    [InlineData(1UL, 0UL, "", 0UL)]
    [InlineData(18424445249570920016UL, 3UL, "text/plain", 0UL)]
    [InlineData(42UL, 65535UL, "", 1UL)]
    public void Write_UnsignedValues_ParseBackToTheSameFields(ulong id, ulong type, string userType, ulong priority)
    {
        var fields = new ValueFields(id, type, "hello world"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes(userType), 0, default, null, default, default, priority);

        var parsed = ValueBytes.Parse(DhtValueWriter.Write(fields));

        Assert.Equal(id, parsed.Id);
        Assert.Equal(type, parsed.Type);
        Assert.Equal("hello world"u8.ToArray(), parsed.Data.ToArray());
        Assert.Equal(userType, System.Text.Encoding.UTF8.GetString(parsed.UserType.Span));
        Assert.Equal(priority, parsed.Priority);
        Assert.False(parsed.IsSigned);
    }

    [Fact]
    public void Write_HandBuiltUnsignedValue_SameBytesAsTheReferenceLayout()
    {
        var reference = ValueBytes.Unsigned(7, 0, "payload"u8, "text/plain");
        Assert.Equal(Hex.Of(reference), Hex.Of(DhtValueWriter.Write(FieldsOf(ValueBytes.Parse(reference)))));
    }

    [Fact]
    public void Write_EncryptedValue_DatIsTheCypher()
    {
        var parsed = ValueBytes.Parse(DhtValueWriter.Write(new ValueFields(9, 0, default, default, 0, default, null, default, new byte[] { 1, 2, 3 }, 0)));
        Assert.True(parsed.IsEncrypted);
        Assert.Equal(new byte[] { 1, 2, 3 }, parsed.Cypher.ToArray());
    }
}
