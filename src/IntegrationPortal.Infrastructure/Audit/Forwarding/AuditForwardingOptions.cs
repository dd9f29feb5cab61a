namespace IntegrationPortal.Infrastructure.Audit.Forwarding;

/// <summary>
/// Settings under "AuditForwarding": sends every audit event to one external collector. Off by
/// default; the worker role (or "both") runs it.
/// </summary>
public sealed class AuditForwardingOptions
{
    public const string SectionName = "AuditForwarding";

    public bool Enabled { get; set; }

    /// <summary>"http" (POST of JSON batches) or "syslog" (RFC 5424 messages).</summary>
    public string Sink { get; set; } = "http";

    /// <summary>The collector's URL for the http sink.</summary>
    public Uri? Url { get; set; }

    /// <summary>The collector's host name or address for the syslog sink.</summary>
    public string? SyslogHost { get; set; }

    public int SyslogPort { get; set; } = 514;

    /// <summary>"udp" or "tcp". UDP has no acknowledgement, so a lost datagram is not resent.</summary>
    public string SyslogProtocol { get; set; } = "tcp";

    /// <summary>Events per POST or per syslog connection.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Seconds between polls for new events when the last poll found none.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>Upper bound, in seconds, of the doubling wait between failed deliveries.</summary>
    public int MaxBackoffSeconds { get; set; } = 300;

    /// <summary>Seconds for which one process has the right to forward; renewed with every batch.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Returns the problems with these settings, each naming its key and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enabled)
        {
            return errors;
        }

        if (Sink == "http")
        {
            if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{SectionName}:Url must be an absolute http or https URL of the collector, such as https://siem.example.internal/ingest.");
            }
        }
        else if (Sink == "syslog")
        {
            if (string.IsNullOrWhiteSpace(SyslogHost))
            {
                errors.Add($"{SectionName}:SyslogHost is missing; set the collector's host name or address.");
            }

            if (SyslogPort is < 1 or > 65535)
            {
                errors.Add($"{SectionName}:SyslogPort {SyslogPort} is out of range; use 1 to 65535 (514 by default, 6514 is TLS and not supported).");
            }

            if (SyslogProtocol is not ("udp" or "tcp"))
            {
                errors.Add($"{SectionName}:SyslogProtocol '{SyslogProtocol}' is not supported; use udp or tcp.");
            }
        }
        else
        {
            errors.Add($"{SectionName}:Sink '{Sink}' is not supported; use http or syslog.");
        }

        if (BatchSize is < 1 or > 5000)
        {
            errors.Add($"{SectionName}:BatchSize {BatchSize} is out of range; use 1 to 5000.");
        }

        if (PollSeconds < 1 || MaxBackoffSeconds < 1 || LeaseSeconds < 5)
        {
            errors.Add($"{SectionName}:PollSeconds and MaxBackoffSeconds must be at least 1 and LeaseSeconds at least 5.");
        }

        return errors;
    }
}
