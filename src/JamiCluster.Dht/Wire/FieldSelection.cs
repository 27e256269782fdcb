using JamiCluster.Dht.Values;
using MessagePack;

namespace JamiCluster.Dht.Wire;

/// <summary>
/// The <c>fileds</c> reply of a get with a non-empty select: the sorted field ids and, for each matching value,
/// its selected fields in that order (opendht-wire.md §6.6).
/// </summary>
public sealed class FieldSelection
{
    private static readonly byte[] ZeroHash = new byte[InfoHash.Size];
    private readonly ValueField[] _fields;
    private readonly IReadOnlyList<DhtValue> _values;

    /// <summary>Builds the selection of <paramref name="fields"/> (already sorted and unique) over <paramref name="values"/>.</summary>
    public FieldSelection(ValueField[] fields, IReadOnlyList<DhtValue> values)
    {
        _fields = fields;
        _values = values;
    }

    internal void Write(ref MessagePackWriter w)
    {
        w.WriteMapHeader(2);
        DhtMessageWriter.WriteKey(ref w, "f"u8);
        w.WriteArrayHeader(_fields.Length);
        foreach (var f in _fields)
        {
            w.Write((byte)f);
        }

        DhtMessageWriter.WriteKey(ref w, "v"u8);
        w.WriteArrayHeader(_fields.Length * _values.Count);
        for (var i = 0; i < _values.Count; i++)
        {
            var value = _values[i];
            foreach (var f in _fields)
            {
                switch (f)
                {
                    case ValueField.Id:
                        w.Write(value.Id);
                        break;
                    case ValueField.ValueType:
                        w.Write(value.Type);
                        break;
                    case ValueField.SeqNum:
                        w.Write(value.Seq);
                        break;
                    case ValueField.UserType:
                        w.WriteString(value.UserType.Span);
                        break;
                    case ValueField.OwnerPk:
                        // 2.4.12 packs the full owner key, or a zero hash when unsigned.
                        if (value.IsSigned)
                        {
                            w.Write(value.Owner.Span);
                        }
                        else
                        {
                            w.Write(ZeroHash);
                        }

                        break;
                    default:
                        w.WriteNil();
                        break;
                }
            }
        }
    }
}
