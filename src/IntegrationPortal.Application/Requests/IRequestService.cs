using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests;

/// <summary>Integration requests: submitted by requesters, decided by IT admins.</summary>
public interface IRequestService
{
    Task<Guid> SubmitAsync(SubmitRequestCommand command, CancellationToken cancellationToken);

    /// <summary>Lists the current user's own requests, newest first.</summary>
    Task<IReadOnlyList<RequestDto>> ListMineAsync(CancellationToken cancellationToken);

    /// <summary>Lists every request, undecided first, for IT admins and auditors.</summary>
    Task<IReadOnlyList<RequestDto>> ListAllAsync(CancellationToken cancellationToken);

    Task ApproveAsync(Guid requestId, CancellationToken cancellationToken);

    Task RejectAsync(RejectRequestCommand command, CancellationToken cancellationToken);
}

public sealed record RequestDto(
    Guid Id,
    string RequesterName,
    string ToolA,
    string ToolB,
    string UseCase,
    string Fields,
    SyncDirection Direction,
    string Justification,
    RequestStatus Status,
    DateTimeOffset SubmittedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason);

/// <summary>The input of the request form; mutable so the form can bind to it.</summary>
public sealed class SubmitRequestCommand
{
    public string ToolA { get; set; } = string.Empty;

    public string ToolB { get; set; } = string.Empty;

    public string UseCase { get; set; } = string.Empty;

    public string Fields { get; set; } = string.Empty;

    public SyncDirection Direction { get; set; } = SyncDirection.Both;

    public string Justification { get; set; } = string.Empty;
}

public sealed class RejectRequestCommand
{
    public Guid RequestId { get; set; }

    public string Reason { get; set; } = string.Empty;
}
