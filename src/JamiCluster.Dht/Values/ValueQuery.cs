namespace JamiCluster.Dht.Values;

/// <summary>
/// A decoded <c>q</c> argument: fields to select (empty = full values) and filters that must all match.
/// </summary>
public sealed class ValueQuery
{
    /// <summary>A query that selects full values and matches everything.</summary>
    public static readonly ValueQuery All = new([], []);

    /// <summary>Creates a query.</summary>
    public ValueQuery(ValueField[] select, FieldFilter[] where)
    {
        Select = select;
        Where = where;
    }

    /// <summary>Fields to return; empty means full values.</summary>
    public ValueField[] Select { get; }

    /// <summary>Filters, combined with AND.</summary>
    public FieldFilter[] Where { get; }

    /// <summary>True when this query returns <c>fileds</c> rather than values.</summary>
    public bool SelectsFields => Select.Length > 0;

    /// <summary>True when <paramref name="value"/> satisfies every filter.</summary>
    public bool Matches(DhtValue value)
    {
        foreach (var filter in Where)
        {
            var ok = filter.Field switch
            {
                ValueField.Id => value.Id == filter.Number,
                ValueField.ValueType => value.Type == filter.Number,
                ValueField.OwnerPk => filter.Bytes is { Length: InfoHash.Size } pk && value.OwnerId == InfoHash.FromBytes(pk),
                ValueField.UserType => filter.Bytes is not null && value.UserTypeEquals(filter.Bytes),
                ValueField.SeqNum => value.Seq == filter.Number,
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when a stored value satisfies every filter; id and type filters are checked without parsing the value.
    /// </summary>
    public bool Matches(Storage.StoredValue stored)
    {
        var needsParse = false;
        foreach (var filter in Where)
        {
            switch (filter.Field)
            {
                case ValueField.Id when stored.Id != filter.Number:
                case ValueField.ValueType when stored.Type != filter.Number:
                    return false;
                case ValueField.Id:
                case ValueField.ValueType:
                    break;
                default:
                    needsParse = true;
                    break;
            }
        }

        return !needsParse || Matches(stored.Value);
    }

    /// <summary>The select fields sorted ascending without duplicates, as <c>fileds.f</c> must be.</summary>
    public ValueField[] NormalizedSelect()
    {
        var set = new SortedSet<ValueField>(Select);
        set.Remove(ValueField.None);
        var result = new ValueField[set.Count];
        set.CopyTo(result);
        return result;
    }
}
