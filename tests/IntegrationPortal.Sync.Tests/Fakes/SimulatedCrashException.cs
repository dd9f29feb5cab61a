namespace IntegrationPortal.Sync.Tests.Fakes;

/// <summary>
/// Stands for a worker that dies at a given point. The engine catches only connector failures, so
/// this exception leaves the run at once, as a killed process would.
/// </summary>
public sealed class SimulatedCrashException(string point) : Exception($"Simulated crash {point}.");
