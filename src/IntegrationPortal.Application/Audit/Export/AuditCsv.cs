using System.Globalization;
using System.Text;

namespace IntegrationPortal.Application.Audit.Export;

/// <summary>
/// Writes events as RFC 4180 CSV. A field that a spreadsheet would run as a formula (one that
/// starts with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, so opening an
/// export cannot execute text that a user typed into the portal.
/// </summary>
public static class AuditCsv
{
    public const string Header = "id,at,actor,action,target_type,target_id,details";

    public static string Row(AuditEventDto auditEvent) => string.Join(
        ',',
        auditEvent.Id.ToString(CultureInfo.InvariantCulture),
        auditEvent.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        Field(auditEvent.ActorName),
        Field(auditEvent.Action),
        Field(auditEvent.TargetType),
        Field(auditEvent.TargetId),
        Field(auditEvent.Details));

    /// <summary>Neutralizes a formula and quotes the value when it contains a comma, quote or line break.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 8).Append('"');
        quoted.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        return quoted.Append('"').ToString();
    }
}
