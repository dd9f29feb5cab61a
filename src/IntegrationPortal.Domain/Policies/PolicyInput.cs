using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Domain.Policies;

/// <summary>
/// One side of what <see cref="PolicyRules"/> checks. <see cref="Status"/> is null when the tool is
/// not in the catalog and <see cref="Policy"/> is null when IT has set no policy for it.
/// <see cref="Container"/> is null for a request, which names no project yet. <see cref="ItemTypes"/>
/// lists the item types the subject can touch on this side, or is null for every type.
/// <see cref="FieldNames"/> maps field keys to the names shown to users, <see cref="LabelFields"/>
/// lists the keys of label fields, and <see cref="ContainerNoun"/> is "project" or "repository".
/// </summary>
public sealed record PolicySide(
    string ToolKey,
    string ToolName,
    ToolStatus? Status,
    string? StatusReason,
    ToolPolicy? Policy,
    string? Container,
    IReadOnlyCollection<string>? ItemTypes,
    IReadOnlyDictionary<string, string> FieldNames,
    IReadOnlyCollection<string> LabelFields,
    string ContainerNoun = "project");

/// <summary>
/// A field of side A synced with a field of side B. <see cref="Subject"/> names the mapping in the
/// subject's form, such as "Mappings[1]", so a violation can be shown next to it.
/// </summary>
public sealed record PolicyMapping(string FieldA, string FieldB, SyncDirection Direction, string Subject);

/// <summary>One broken rule, as a sentence for a business user, and the part of the subject at fault.</summary>
public sealed record PolicyFinding(string Message, string? Subject);
