using BenchmarkDotNet.Running;
using IntegrationPortal.Sync.Benchmarks;

// "api-calls" runs the scripted GitHub emulator scenario. Any other arguments go to BenchmarkDotNet.
if (args is ["api-calls", ..])
{
    return await ApiCallsRun.RunAsync(Console.Out);
}

var summary = BenchmarkRunner.Run<SyncEngineRunBenchmarks>(args: args);
return summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success) ? 1 : 0;
