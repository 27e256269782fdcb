using System.Globalization;
using JamiCluster.LoadGen.Cli;
using JamiCluster.LoadGen.Net;

namespace JamiCluster.LoadGen.Load;

/// <summary>Weighted choice of the next request type, parsed from e.g. "ping=1,find=1,get=2".</summary>
public sealed class OperationMix
{
    private readonly RequestKind[] _table;

    private OperationMix(IReadOnlyDictionary<RequestKind, int> weights)
    {
        Weights = weights;
        _table = weights.SelectMany(w => Enumerable.Repeat(w.Key, w.Value)).ToArray();
    }

    public IReadOnlyDictionary<RequestKind, int> Weights { get; }

    public static OperationMix Parse(string text)
    {
        var weights = new Dictionary<RequestKind, int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=');
            if (pieces.Length != 2 || !Enum.TryParse<RequestKind>(pieces[0], ignoreCase: true, out var kind) ||
                !int.TryParse(pieces[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var weight) ||
                weight < 0 || weight > 100)
            {
                throw new UsageException($"--mix: cannot parse '{part}' (expected ping|find|get|put=weight 0..100)");
            }

            weights[kind] = weight;
        }

        if (weights.Values.Sum() == 0)
        {
            throw new UsageException("--mix: at least one weight must be positive");
        }

        return new OperationMix(weights.Where(w => w.Value > 0).ToDictionary());
    }

    public RequestKind Pick(Random random) => _table[random.Next(_table.Length)];

    public bool Uses(RequestKind kind) => Weights.ContainsKey(kind);

    public override string ToString() =>
        string.Join(',', Weights.Select(w => $"{w.Key.ToString().ToLowerInvariant()}={w.Value}"));
}
