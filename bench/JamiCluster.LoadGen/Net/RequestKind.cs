namespace JamiCluster.LoadGen.Net;

/// <summary>The request types the load generator sends; used to index per-type statistics.</summary>
public enum RequestKind
{
    Ping = 0,
    Find = 1,
    Get = 2,
    Put = 3,
}
