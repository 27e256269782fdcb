namespace JamiCluster.Silo.Edge;

/// <summary>Cross-field checks of <see cref="EdgeOptions"/>; each failure names the key and its variable.</summary>
internal sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var failures = new List<string>();
        if (options.BasePort + options.HeadCount - 1 > 65535)
        {
            failures.Add($"JamiCluster:Edge:BasePort + HeadCount - 1 must be at most 65535 (env JamiCluster__Edge__BasePort, JamiCluster__Edge__HeadCount); got {options.BasePort} + {options.HeadCount}.");
        }

        foreach (var address in options.BindAddresses)
        {
            if (!IPAddress.TryParse(address, out _))
            {
                failures.Add($"JamiCluster:Edge:BindAddresses entry '{address}' is not an IP address (env JamiCluster__Edge__BindAddresses__N).");
            }
        }

        foreach (var address in options.AdvertisedAddresses)
        {
            if (!IPAddress.TryParse(address, out _))
            {
                failures.Add($"JamiCluster:Edge:AdvertisedAddresses entry '{address}' is not an IP address (env JamiCluster__Edge__AdvertisedAddresses__N).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
