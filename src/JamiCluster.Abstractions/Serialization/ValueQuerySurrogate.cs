using JamiCluster.Dht.Values;

namespace JamiCluster.Abstractions.Serialization;

/// <summary>Wire form of <see cref="ValueQuery"/> for grain calls.</summary>
[GenerateSerializer, Immutable, Alias("jc.ValueQuery")]
public readonly struct ValueQuerySurrogate
{
    /// <summary>Selected field ids.</summary>
    [Id(0)]
    public readonly byte[] Select;

    /// <summary>Filter field ids, numbers and byte values, index-aligned.</summary>
    [Id(1)]
    public readonly byte[] WhereFields;

    /// <summary>Numeric operands of the filters.</summary>
    [Id(2)]
    public readonly ulong[] WhereNumbers;

    /// <summary>Byte operands of the filters (null for numeric ones).</summary>
    [Id(3)]
    public readonly byte[]?[] WhereBytes;

    /// <summary>Creates a surrogate.</summary>
    public ValueQuerySurrogate(byte[] select, byte[] whereFields, ulong[] whereNumbers, byte[]?[] whereBytes)
    {
        Select = select;
        WhereFields = whereFields;
        WhereNumbers = whereNumbers;
        WhereBytes = whereBytes;
    }
}

/// <summary>Converts <see cref="ValueQuery"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class ValueQueryConverter : IConverter<ValueQuery, ValueQuerySurrogate>
{
    /// <inheritdoc />
    public ValueQuery ConvertFromSurrogate(in ValueQuerySurrogate surrogate)
    {
        var select = new ValueField[surrogate.Select.Length];
        for (var i = 0; i < select.Length; i++)
        {
            select[i] = (ValueField)surrogate.Select[i];
        }

        var where = new FieldFilter[surrogate.WhereFields.Length];
        for (var i = 0; i < where.Length; i++)
        {
            where[i] = new FieldFilter((ValueField)surrogate.WhereFields[i], surrogate.WhereNumbers[i], surrogate.WhereBytes[i]);
        }

        return new ValueQuery(select, where);
    }

    /// <inheritdoc />
    public ValueQuerySurrogate ConvertToSurrogate(in ValueQuery value)
    {
        var select = new byte[value.Select.Length];
        for (var i = 0; i < select.Length; i++)
        {
            select[i] = (byte)value.Select[i];
        }

        var n = value.Where.Length;
        var fields = new byte[n];
        var numbers = new ulong[n];
        var bytes = new byte[]?[n];
        for (var i = 0; i < n; i++)
        {
            fields[i] = (byte)value.Where[i].Field;
            numbers[i] = value.Where[i].Number;
            bytes[i] = value.Where[i].Bytes;
        }

        return new ValueQuerySurrogate(select, fields, numbers, bytes);
    }
}
