/**
 * Imported first by run.ts, before anything that creates a logger: the access log (one info
 * line per request per process) would drown the table and cost the same on both stacks.
 * GOVGRAPH_LOG_LEVEL=info measures with it.
 */
process.env.GOVGRAPH_LOG_LEVEL ??= 'warn';
export {};

// The access log's anchor (the sharing subgraph re-verifying and signing the log every minute)
// runs in the platform operator's own process in a deployment, off every request's path. Here
// all subgraphs share one process, where its periodic walk over the log the load is writing
// would land at random in on and off runs alike: keep it out of the measurement.
process.env.GOVGRAPH_AUDIT_CHECKPOINT_SECONDS ??= '86400';
