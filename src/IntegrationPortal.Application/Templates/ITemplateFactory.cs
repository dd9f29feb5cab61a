namespace IntegrationPortal.Application.Templates;

/// <summary>Turns a group of look-alike requests into a template; used by the IT queue.</summary>
public interface ITemplateFactory
{
    /// <summary>
    /// Creates an auto-approving template at version 1 that every given request stays inside, and
    /// returns it. IT admins only; an audit event records the template and the requests it came from.
    /// </summary>
    Task<TemplateMatch> CreateFromRequestsAsync(string name, IReadOnlyList<Guid> requestIds, CancellationToken cancellationToken);
}
