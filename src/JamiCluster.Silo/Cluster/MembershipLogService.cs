using System.Text;
using Microsoft.Extensions.Hosting;

namespace JamiCluster.Silo.Cluster;

/// <summary>Logs every membership change: which silos are active, so an operator sees joins and deaths.</summary>
internal sealed class MembershipLogService(IClusterMembershipService membership, ILogger<MembershipLogService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var active = new StringBuilder();
                var count = 0;
                foreach (var (address, member) in snapshot.Members)
                {
                    if (member.Status == SiloStatus.Active)
                    {
                        active.Append(count++ == 0 ? "" : ", ").Append(address.ToParsableString());
                    }
                }

                ClusterLog.Membership(logger, snapshot.Version.Value, count, active.ToString());
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
