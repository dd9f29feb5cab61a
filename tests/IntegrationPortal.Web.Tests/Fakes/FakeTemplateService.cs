using FluentValidation;
using IntegrationPortal.Application.Templates;

namespace IntegrationPortal.Web.Tests.Fakes;

/// <summary>An in-memory template service that records each call; tests fill its lists and set the next error.</summary>
public sealed class FakeTemplateService : ITemplateService
{
    public List<TemplateSummaryDto> Summaries { get; } = [];

    public Dictionary<Guid, TemplateDetailDto> Details { get; } = [];

    public List<TemplateToolDto> Tools { get; } = [];

    public Dictionary<Guid, TemplateVersionDto> ByRequest { get; } = [];

    public List<SaveTemplateCommand> Created { get; } = [];

    public List<(Guid TemplateId, SaveTemplateCommand Command)> Previewed { get; } = [];

    public List<(Guid TemplateId, SaveTemplateCommand Command)> Updated { get; } = [];

    public List<(Guid TemplateId, string? Reason)> Retired { get; } = [];

    public Guid NextId { get; } = Guid.NewGuid();

    /// <summary>The impact every preview returns.</summary>
    public TemplateImpactDto Impact { get; set; } = new(2, [], []);

    /// <summary>The error the next create or update throws, or null.</summary>
    public ValidationException? NextError { get; set; }

    public Task<IReadOnlyList<TemplateSummaryDto>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TemplateSummaryDto>>(Summaries);

    public Task<TemplateDetailDto> GetAsync(Guid templateId, CancellationToken cancellationToken) =>
        Task.FromResult(Details[templateId]);

    public Task<IReadOnlyList<TemplateToolDto>> ListToolsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TemplateToolDto>>(Tools);

    public Task<Guid> CreateAsync(SaveTemplateCommand command, CancellationToken cancellationToken)
    {
        ThrowNextError();
        Created.Add(command);
        return Task.FromResult(NextId);
    }

    public Task<TemplateImpactDto> PreviewChangeAsync(Guid templateId, SaveTemplateCommand command, CancellationToken cancellationToken)
    {
        Previewed.Add((templateId, command));
        return Task.FromResult(Impact);
    }

    public Task<TemplateChangeResult> UpdateAsync(Guid templateId, SaveTemplateCommand command, CancellationToken cancellationToken)
    {
        ThrowNextError();
        Updated.Add((templateId, command));
        return Task.FromResult(new TemplateChangeResult(Impact.NextVersion, [.. Impact.Flows.Where(f => f.WillPause).Select(f => f.FlowId)]));
    }

    public Task RetireAsync(Guid templateId, string? reason, CancellationToken cancellationToken)
    {
        Retired.Add((templateId, reason));
        return Task.CompletedTask;
    }

    public Task<TemplateVersionDto?> FindForRequestAsync(Guid requestId, CancellationToken cancellationToken) =>
        Task.FromResult(ByRequest.GetValueOrDefault(requestId));

    private void ThrowNextError()
    {
        if (NextError is { } error)
        {
            NextError = null;
            throw error;
        }
    }
}
