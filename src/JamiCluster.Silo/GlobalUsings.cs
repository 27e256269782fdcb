global using System.Net;
global using System.Net.Sockets;
global using JamiCluster.Abstractions.Edge;
global using JamiCluster.Abstractions.Keyspace;
global using JamiCluster.Dht;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
