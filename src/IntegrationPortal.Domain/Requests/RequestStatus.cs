namespace IntegrationPortal.Domain.Requests;

/// <summary>
/// The status of a request. The allowed moves between these are listed in
/// <see cref="IntegrationRequest.AllowedTransitions"/>.
/// </summary>
public enum RequestStatus
{
    Draft,
    Submitted,
    InReview,
    NeedsInformation,
    Approved,
    Rejected,
    Built,
    Live,
    Retired,
}
