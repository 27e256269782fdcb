using System.Text;
using System.Text.Json;

namespace JamiCluster.Grains.Names;

/// <summary>
/// Operator actions on the name directory, for the admin API: reserve, revoke, export and import (JSON lines).
/// Every change goes through the name grains, so running silos see it at once and the registration rules hold.
/// </summary>
public sealed class NameDirectory(IGrainFactory grains, INameStore store, NameRules rules, TimeProvider time)
{
    /// <summary>Longest import line accepted (a record with an RSA-8192 key is about 3.5 KB).</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>The record of a name (any status), or null.</summary>
    public async Task<NameRecord?> GetAsync(string name) =>
        rules.Canonicalize(name) is { } canonical ? await grains.GetGrain<INameGrain>(canonical).GetAsync() : null;

    /// <summary>Reserves a valid name, optionally for one address.</summary>
    public async Task<RegistrationResult> ReserveAsync(string name, string reason, string? forAddr)
    {
        if (rules.Canonicalize(name) is not { } canonical)
        {
            return new RegistrationResult(RegistrationOutcome.InvalidName);
        }

        var addr = forAddr is null ? null : NameAddress.Parse(forAddr)
            ?? throw new ArgumentException("The address must be 40 hex digits (0x, ring: or jami: prefixes allowed).", nameof(forAddr));
        return await grains.GetGrain<INameGrain>(canonical).ReserveAsync(reason, addr);
    }

    /// <summary>Revokes a name; null when the name is not a valid one.</summary>
    public async Task<NameRecord?> RevokeAsync(string name, string reason) =>
        rules.Canonicalize(name) is { } canonical ? await grains.GetGrain<INameGrain>(canonical).RevokeAsync(reason) : null;

    /// <summary>Writes every record as one JSON object per line; returns how many.</summary>
    public async Task<int> ExportAsync(Stream output, CancellationToken cancellation = default)
    {
        var count = 0;
        await foreach (var record in store.ExportAsync(cancellation))
        {
            var line = new NameExportLine
            {
                Name = record.Name,
                Status = record.Status.ToString().ToLowerInvariant(),
                Addr = record.Addr,
                PublicKey = record.PublicKey,
                Signature = record.Signature,
                Owner = record.Owner,
                CreatedAt = record.CreatedAt,
                Reason = record.Reason,
                ChangedAt = record.ChangedAt,
            };
            await JsonSerializer.SerializeAsync(output, line, NamesJsonContext.Default.NameExportLine, cancellation);
            output.WriteByte((byte)'\n');
            count++;
        }

        await output.FlushAsync(cancellation);
        return count;
    }

    /// <summary>
    /// Reads JSON lines and stores each record through its name grain. Registered records must carry a key that
    /// hashes to the address and a signature that verifies, as a registration would.
    /// </summary>
    public async Task<ImportReport> ImportAsync(Stream input, CancellationToken cancellation = default)
    {
        var report = new ImportReport();
        using var reader = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: false));
        var number = 0;
        while (await reader.ReadLineAsync(cancellation) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var error = "line too long";
            if (Encoding.UTF8.GetByteCount(text) > MaxLineBytes || ParseLine(text, out error) is not { } record)
            {
                report.Invalid++;
                report.Problem(number, error);
                continue;
            }

            var result = await grains.GetGrain<INameGrain>(record.Name).ImportAsync(record);
            switch (result.Outcome)
            {
                case RegistrationOutcome.Registered:
                    report.Imported++;
                    break;
                case RegistrationOutcome.AlreadyRegistered:
                    report.Unchanged++;
                    break;
                case RegistrationOutcome.NameTaken or RegistrationOutcome.AddressTaken or RegistrationOutcome.NameReserved or RegistrationOutcome.NameRevoked:
                    report.Conflicts++;
                    report.Problem(number, $"{record.Name}: {result.Outcome}");
                    break;
                default:
                    report.Invalid++;
                    report.Problem(number, $"{record.Name}: {result.Outcome}");
                    break;
            }
        }

        return report;
    }

    private NameRecord? ParseLine(string text, out string error)
    {
        NameExportLine? line;
        try
        {
            line = JsonSerializer.Deserialize(text, NamesJsonContext.Default.NameExportLine);
        }
        catch (JsonException e)
        {
            error = "not a JSON record: " + e.Message;
            return null;
        }

        error = "";
        if (line?.Name is not { } name || rules.Canonicalize(name) is not { } canonical)
        {
            error = "missing or invalid name";
            return null;
        }

        NameStatus status;
        switch (line.Status ?? "registered")
        {
            case "registered": status = NameStatus.Registered; break;
            case "reserved": status = NameStatus.Reserved; break;
            case "revoked": status = NameStatus.Revoked; break;
            default: error = $"unknown status '{line.Status}'"; return null;
        }

        var addr = line.Addr is null ? null : NameAddress.Parse(line.Addr);
        if ((status == NameStatus.Registered && addr is null) || (line.Addr is not null && addr is null))
        {
            error = "missing or invalid addr";
            return null;
        }

        if (status == NameStatus.Registered && canonical != name)
        {
            error = "name is not in canonical form, so its signature cannot be served";
            return null;
        }

        var owner = line.Owner is null ? null : NameAddress.Parse(line.Owner);
        return new NameRecord(canonical, status, addr, line.PublicKey, line.Signature, owner, line.CreatedAt ?? time.GetUtcNow(), line.Reason, line.ChangedAt);
    }
}
