// Hangfire's AddHangfire resolves its JobStorage through the static JobStorage.Current, so two
// PortalTestHosts built in parallel can end up sharing, or disposing, each other's job storage.
// The test classes therefore run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
