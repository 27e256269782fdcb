namespace JamiCluster.LoadGen.Load;

/// <summary>Outcome of storing a catalog through find→put.</summary>
public sealed record StoreResult(int Requested, int Acked, int Failed, int TokenRejected, int NoToken, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Acked}/{Requested} puts acked in {Elapsed.TotalSeconds:0.0} s" +
        (Failed > 0 ? $", {Failed} failed (token rejected {TokenRejected}, no token {NoToken})" : string.Empty);
}
