/**
 * Imported first by run.ts, before anything that creates a logger: the access log (one info
 * line per request per process) would drown the table and cost the same on both stacks.
 * GOVGRAPH_LOG_LEVEL=info measures with it.
 */
process.env.GOVGRAPH_LOG_LEVEL ??= 'warn';
export {};
