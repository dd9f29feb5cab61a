using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Domain.Requests;

/// <summary>A business user's request to connect two tools, and IT's decision on it.</summary>
public sealed class IntegrationRequest
{
    public const int MaxUseCaseLength = 200;
    public const int MaxJustificationLength = 2000;
    public const int MaxFieldsLength = 1000;
    public const int MaxReasonLength = 1000;

    private IntegrationRequest()
    {
        RequesterId = string.Empty;
        RequesterName = string.Empty;
        ToolA = string.Empty;
        ToolB = string.Empty;
        UseCase = string.Empty;
        Fields = string.Empty;
        Justification = string.Empty;
    }

    public IntegrationRequest(
        Guid id,
        string requesterId,
        string requesterName,
        string toolA,
        string toolB,
        string useCase,
        string fields,
        SyncDirection direction,
        string justification,
        DateTimeOffset at)
    {
        Id = id;
        RequesterId = requesterId;
        RequesterName = requesterName;
        ToolA = toolA;
        ToolB = toolB;
        UseCase = useCase;
        Fields = fields;
        Direction = direction;
        Justification = justification;
        Status = RequestStatus.Submitted;
        SubmittedAt = at;
    }

    public Guid Id { get; private set; }

    public string RequesterId { get; private set; }

    public string RequesterName { get; private set; }

    public string ToolA { get; private set; }

    public string ToolB { get; private set; }

    public string UseCase { get; private set; }

    /// <summary>The fields the requester wants synced, as they typed them (comma-separated).</summary>
    public string Fields { get; private set; }

    public SyncDirection Direction { get; private set; }

    public string Justification { get; private set; }

    public RequestStatus Status { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionReason { get; private set; }

    public void Approve(string decidedBy, DateTimeOffset at)
    {
        EnsureUndecided();
        Status = RequestStatus.Approved;
        DecidedBy = decidedBy;
        DecidedAt = at;
    }

    public void Reject(string decidedBy, string reason, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("A reason is required to reject a request.");
        }

        EnsureUndecided();
        Status = RequestStatus.Rejected;
        DecidedBy = decidedBy;
        DecidedAt = at;
        DecisionReason = reason.Trim();
    }

    private void EnsureUndecided()
    {
        if (Status != RequestStatus.Submitted)
        {
            throw new DomainException($"The request is already {Status.ToString().ToLowerInvariant()}; only a submitted request can be decided.");
        }
    }
}
