namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>A real peer program the tests need. Missing means the run fails with what to install, never a skip.</summary>
internal static class RequiredProgram
{
    /// <summary>Returns <paramref name="path"/> or throws naming the Debian package.</summary>
    public static string Get(string path, string package)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: install it with 'apt-get install -y {package}' (README's test command does this).");
        }

        return path;
    }

    /// <summary>python3 with the Debian opendht module.</summary>
    public static string Python => Get("/usr/bin/python3", "python3");

    /// <summary>The OpenDHT command-line node.</summary>
    public static string Dhtnode => Get("/usr/bin/dhtnode", "dhtnode");
}
