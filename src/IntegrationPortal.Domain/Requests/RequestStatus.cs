namespace IntegrationPortal.Domain.Requests;

public enum RequestStatus
{
    Submitted,
    Approved,
    Rejected,
}
