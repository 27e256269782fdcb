global using JamiCluster.Abstractions.Edge;
global using JamiCluster.Abstractions.Keyspace;
global using JamiCluster.Abstractions.Names;
global using JamiCluster.Dht;
global using Microsoft.Extensions.Logging;
global using Orleans;
