using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationPortal.Domain.Audit;

/// <summary>
/// The hash of an audit event: SHA-256 over a fixed serialization of every stored field except
/// the database id, which is assigned after the hash is computed and may skip numbers.
/// </summary>
public static class AuditChainHash
{
    /// <summary>The previous hash of the first event: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    // Version 1 of the serialization. Each field is its UTF-8 byte length, a colon and its bytes,
    // so no value can shift content into the next field. The time is UTC with six fraction digits,
    // of which the last three are zero because events keep whole milliseconds.
    private const string FormatVersion = "audit-event-v1";

    public static string Compute(AuditEvent auditEvent)
    {
        var fields = new[]
        {
            FormatVersion,
            auditEvent.Sequence.ToString(CultureInfo.InvariantCulture),
            auditEvent.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            auditEvent.ActorId,
            auditEvent.ActorName,
            auditEvent.Action,
            auditEvent.TargetType,
            auditEvent.TargetId,
            auditEvent.Details,
            auditEvent.PreviousHash,
        };

        var canonical = new StringBuilder();
        foreach (var field in fields)
        {
            canonical.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>
    /// Drops the sub-millisecond ticks. PostgreSQL stores whole microseconds and the SQLite
    /// column stores units of 0.1 ms, so a whole millisecond reads back unchanged from both.
    /// </summary>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
