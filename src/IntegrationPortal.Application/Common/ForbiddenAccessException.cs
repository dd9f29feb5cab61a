namespace IntegrationPortal.Application.Common;

/// <summary>The current user lacks the role an action requires.</summary>
public sealed class ForbiddenAccessException(string message) : Exception(message);
