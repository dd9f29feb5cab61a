namespace IntegrationPortal.Sync.Connectors;

/// <summary>A field a connector can read and write, such as "status" or "labels".</summary>
public sealed record FieldDescriptor(string Key, string DisplayName, FieldKind Kind, IReadOnlyList<string>? AllowedValues = null);

/// <summary>
/// How canonical values of a field are written and compared. Text is plain text, RichText is
/// canonical Markdown, Choice is one value of a fixed list, Labels is a comma-separated set, Date is a
/// calendar day (yyyy-MM-dd), Timestamp is an instant in ISO 8601 UTC, and User is a lower-case e-mail
/// address or an unmapped user (see <see cref="Values.UserValues"/>).
/// </summary>
public enum FieldKind
{
    Text,
    RichText,
    Choice,
    Labels,
    Date,
    Timestamp,
    User,
}
