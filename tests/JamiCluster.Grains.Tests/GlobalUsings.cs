global using JamiCluster.Abstractions.Names;
global using JamiCluster.Grains.Names;
global using Xunit;
