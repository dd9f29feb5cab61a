namespace IntegrationPortal.Domain.Common;

/// <summary>
/// A rule of the domain was broken, such as approving a request that was already rejected.
/// The message is shown to the user, so it never carries a secret.
/// </summary>
public sealed class DomainException(string message) : Exception(message);
