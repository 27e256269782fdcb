global using System.Net;
global using System.Net.Sockets;
global using JamiCluster.Dht;
global using JamiCluster.Interop.Tests.Infrastructure;
global using Xunit;
global using Xunit.Abstractions;
