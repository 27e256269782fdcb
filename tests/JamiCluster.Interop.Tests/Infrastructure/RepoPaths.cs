namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>Locations of the repository and of the built silo, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding JamiCluster.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The silo's entry assembly, built in the same configuration as the tests.</summary>
    public static string SiloDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(Root, "src", "JamiCluster.Silo", "bin", configuration, "net10.0", "JamiCluster.Silo.dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The silo is not built: {path}. Build the solution first (dotnet build -c {configuration}).");
            }

            return path;
        }
    }

    /// <summary>The python peer driver copied beside the tests.</summary>
    public static string PeersScript => Path.Combine(AppContext.BaseDirectory, "peers", "peers.py");

    /// <summary>The captured wire vectors copied beside the tests.</summary>
    public static string VectorsDir => Path.Combine(AppContext.BaseDirectory, "Vectors");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "JamiCluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("JamiCluster.sln not found above " + AppContext.BaseDirectory);
    }
}
