using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Domain.Templates;

/// <summary>
/// A field pair that flows of a template may map: <see cref="FieldA"/> of the template's tool A with
/// <see cref="FieldB"/> of its tool B, in <see cref="Direction"/> or any narrower direction.
/// </summary>
public sealed record TemplateField(string FieldA, string FieldB, SyncDirection Direction);
