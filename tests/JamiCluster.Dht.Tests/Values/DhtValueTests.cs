using System.Text;
using JamiCluster.Dht.Tests.Support;
using JamiCluster.Dht.Values;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Dht.Tests.Values;

public sealed class DhtValueTests
{
    [Fact]
    public void TryParse_HandBuiltSignedValue_ExposesItsFieldsAndVerifies()
    {
        var raw = ValueBytes.Signed(RsaKeys.Owner, 42, 3, 0, "payload"u8, "text/plain");

        Assert.True(DhtValue.TryParse(raw, out var value));

        Assert.Equal(42UL, value.Id);
        Assert.Equal(3UL, value.Seq);
        Assert.True(value.IsSigned);
        Assert.Equal(7 + 256 + 10, value.Size);
        Assert.True(value.VerifySignature());
    }

    [Fact]
    public void VerifySignature_Unsigned_IsFalse()
    {
        Assert.False(ValueBytes.Parse(ValueBytes.Unsigned(1, 0, "x"u8)).VerifySignature());
    }

    [Fact]
    public void VerifySignature_OwnerIsNotAKey_IsFalseWithoutThrowing()
    {
        // {id: 1, dat: {body: {seq: 0, owner: bin "junk", type: 0, data: bin0}, sig: bin "sig"}}
        var raw = Hex.Bytes("82a26964" + "01" + "a3646174" + "82" + "a4626f6479" + "84" + "a3736571" + "00" + "a56f776e6572" + "c4046a756e6b"
            + "a474797065" + "00" + "a464617461" + "c400" + "a3736967" + "c403736967");

        Assert.True(DhtValue.TryParse(raw, out var value));
        Assert.False(value.VerifySignature());
    }

    [Theory]
    [InlineData("81a26964 01")] // fewer than 2 entries
    [InlineData("82a26964 01a178 01")] // no dat
    [InlineData("82a3646174 81a4626f6479 82a474797065 00a464617461 c400 a178 01")] // no id
    [InlineData("82a26964 01a3646174 81a4626f6479 81a474797065 00")] // body without data
    [InlineData("82a26964 01a3646174 81a4626f6479 83a3736571 00a56f776e6572 c40101a474797065 00")] // owner without data
    [InlineData("82a26964 01a3646174 81a4626f6479 84a3736571 00a56f776e6572 c40101a474797065 00a464617461 c400")] // owner without sig
    public void TryParse_MissingRequiredPart_IsRejected(string hex)
    {
        Assert.False(DhtValue.TryParse(Hex.Bytes(hex.Replace(" ", string.Empty, StringComparison.Ordinal)), out _));
    }

    [Fact]
    public void TryParse_EncryptedDat_KeepsTheCypher()
    {
        // {id: 9, dat: bin[3]}: an encrypted value is opaque to storers.
        Assert.True(DhtValue.TryParse(Hex.Bytes("82a2696409a3646174c403010203"), out var value));

        Assert.True(value.IsEncrypted);
        Assert.Equal("010203", Hex.Of(value.Cypher));
        Assert.Equal(3, value.Size);
    }

    [Fact]
    public void SameContent_DifferentEncodingOfTheSameFields_IsTrue()
    {
        // Same value, id written as uint64 instead of a fixint: not byte-identical, yet the same content (a refresh, not an edit).
        var compact = ValueBytes.Parse(Hex.Bytes("82a26964" + "05" + "a3646174" + "81a4626f6479" + "82a474797065" + "00" + "a464617461" + "c40178"));
        var wide = ValueBytes.Parse(Hex.Bytes("82a26964" + "cf0000000000000005" + "a3646174" + "81a4626f6479" + "82a474797065" + "00" + "a464617461" + "c40178"));
        var other = ValueBytes.Parse(ValueBytes.Unsigned(5, 0, "y"u8));

        Assert.True(compact.SameContent(wide));
        Assert.False(compact.SameContent(other));
    }

    [Fact]
    public void TryParse_CapturedSignedValue_MatchesDocumentedFieldsAndVerifies()
    {
        // Samples 46 + 47: the 1149-byte value dhtnode -i signed, reassembled from its part.
        var raw = Vectors.Reassemble(46, 47);

        Assert.Equal(1149, raw.Length);
        Assert.True(DhtValue.TryParse(raw, out var value));
        Assert.Equal(0xcb2231f70a5cd54eUL, value.Id);
        Assert.Equal(0UL, value.Type);
        Assert.Equal(0UL, value.Seq);
        Assert.Equal("hello-signed", Encoding.UTF8.GetString(value.Data.Span));
        Assert.Equal("text/plain", Encoding.UTF8.GetString(value.UserType.Span));
        Assert.Equal(550, value.Owner.Length);
        Assert.StartsWith("30820222300d06092a864886", Hex.Of(value.Owner), StringComparison.Ordinal);
        Assert.Equal(512, value.Signature.Length);
        Assert.StartsWith("1cf883f6be10f9d95a63f7d4", Hex.Of(value.Signature), StringComparison.Ordinal);

        // The signed bytes are the exact body map: 607 bytes, a 5-entry map whose first key is seq.
        Assert.Equal(607, value.Body.Length);
        Assert.StartsWith("85a373657100a56f776e6572c5022630", Hex.Of(value.Body), StringComparison.Ordinal);
        Assert.Equal(SampleTable.DPublicKeyId, value.OwnerId?.ToString());
        Assert.Equal(SampleTable.D, InfoHash.Get("node:" + SampleTable.DPublicKeyId).ToString());
        Assert.True(value.VerifySignature());
    }

    [Fact]
    public void VerifySignature_CapturedSignedValueWithOneDataByteFlipped_ReturnsFalse()
    {
        var raw = Vectors.Reassemble(46, 47);
        var dataOffset = raw.AsSpan().IndexOf("hello-signed"u8);
        Assert.True(dataOffset > 0);

        raw[dataOffset] ^= 0x01;

        Assert.True(DhtValue.TryParse(raw, out var tampered));
        Assert.Equal("iello-signed", Encoding.UTF8.GetString(tampered.Data.Span));
        Assert.False(tampered.VerifySignature());
    }

    [Fact]
    public void TryParse_MutatedValues_NeverThrows()
    {
        var input = new HostileInput(seed: 77);
        var sources = InlineValues().ToList();
        sources.Add(Vectors.Reassemble(46, 47));
        sources.Add(Vectors.Reassemble(17, 18, 19));
        sources.Add(Vectors.Reassemble(42, 43, 44));
        sources.Add(ValueBytes.Signed(RsaKeys.Owner, 5, 3, 0, "data"u8, "text/plain"));
        foreach (var source in sources)
        {
            for (var i = 0; i < 2000; i++)
            {
                var mutated = input.Mutate(source);
                try
                {
                    if (DhtValue.TryParse(mutated, out var value) && value.IsSigned && i % 16 == 0)
                    {
                        // Verification parses the owner key: hostile DER or PEM must not escape either.
                        value.VerifySignature();
                    }
                }
                catch (Exception e)
                {
                    Assert.Fail($"DhtValue threw {e.GetType().Name} on mutation {i}: {Convert.ToHexStringLower(mutated)}\n{e}");
                }
            }
        }
    }

    [Fact]
    public void TryParse_RandomStructuresAndDeepNesting_NeverThrows()
    {
        var input = new HostileInput(seed: 99);
        for (var i = 0; i < 5000; i++)
        {
            var buffer = i % 50 == 0 ? input.DeepNesting() : input.Structure();
            try
            {
                DhtValue.TryParse(buffer, out _);
            }
            catch (Exception e)
            {
                Assert.Fail($"DhtValue.TryParse threw {e.GetType().Name} on buffer {i}: {Convert.ToHexStringLower(buffer)}\n{e}");
            }
        }
    }

    [Fact]
    public void TryParse_ValueWithDeeplyNestedUnknownKey_IgnoresItWithoutOverflowingTheStack()
    {
        // {id: 1, dat: {body: {type: 0, data: bin0}}, x: [[[[...]]]]}: 60 000 levels fit in one reassembled 64 KiB value.
        var head = Hex.Bytes("83a26964" + "01" + "a3646174" + "81a4626f6479" + "82a474797065" + "00" + "a464617461" + "c400" + "a178");
        var raw = new byte[head.Length + 60000 + 1];
        head.CopyTo(raw, 0);
        raw.AsSpan(head.Length, 60000).Fill(0x91);
        raw[^1] = 0xC0;

        // A 256 KiB stack, smaller than any thread the silo runs on, makes a recursive skip crash reliably: a stack overflow
        // cannot be caught and would take the whole silo down, so the skip must be iterative or bounded.
        var parsed = false;
        Exception? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    parsed = DhtValue.TryParse(raw, out _);
                }
                catch (Exception e)
                {
                    error = e;
                }
            },
            256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(error);

        // Unknown keys are ignored whatever they hold, as in 2.4.12.
        Assert.True(parsed);
    }

    private static IEnumerable<byte[]> InlineValues()
    {
        foreach (var name in Vectors.Names)
        {
            var message = new DhtMessage();
            if (DhtMessageReader.TryRead(Vectors.Load(name), message) != DecodeStatus.Ok)
            {
                continue;
            }

            foreach (var slot in message.Values.Where(s => !s.IsPending))
            {
                yield return slot.Raw.ToArray();
            }
        }
    }
}
