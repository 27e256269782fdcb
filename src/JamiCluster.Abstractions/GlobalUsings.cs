global using JamiCluster.Dht;
global using Orleans;
global using Orleans.Concurrency;
