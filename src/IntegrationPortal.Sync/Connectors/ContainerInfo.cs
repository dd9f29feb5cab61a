namespace IntegrationPortal.Sync.Connectors;

/// <summary>A project or repository: <see cref="Id"/> is what a flow stores, <see cref="Name"/> is shown.</summary>
public sealed record ContainerInfo(string Id, string Name);
