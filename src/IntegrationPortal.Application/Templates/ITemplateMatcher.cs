using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;

namespace IntegrationPortal.Application.Templates;

/// <summary>Finds the templates a request (or a request being typed) fits, best first.</summary>
public interface ITemplateMatcher
{
    Task<IReadOnlyList<TemplateMatch>> MatchAsync(RequestShape request, CancellationToken cancellationToken);
}

/// <summary>The content of a request as the wizard has it. <see cref="Fields"/> are the names the requester typed.</summary>
public sealed record RequestShape(
    string ToolA,
    string ToolB,
    string UseCase,
    IReadOnlyList<string> Fields,
    SyncDirection Direction,
    DataClassification Classification);

/// <summary>
/// A template of the request's tool pair, at its current version, and how the request goes
/// beyond it. An empty <see cref="Differences"/> means the request stays inside the template.
/// </summary>
public sealed record TemplateMatch(Guid TemplateId, string Name, int Version, bool AutoApproves, IReadOnlyList<string> Differences)
{
    public bool IsInside => Differences.Count == 0;

    /// <summary>True when a request inside this template is approved without waiting for IT.</summary>
    public bool ApprovesAtOnce => IsInside && AutoApproves;
}
