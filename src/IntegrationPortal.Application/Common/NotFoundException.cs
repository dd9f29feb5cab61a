namespace IntegrationPortal.Application.Common;

/// <summary>The entity a use case was asked about does not exist, or the user may not see it.</summary>
public sealed class NotFoundException(string entity, object id) : Exception($"{entity} {id} was not found.");
