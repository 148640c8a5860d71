/** One autocannon run against one gateway, reduced to the numbers the report needs. */
import autocannon from 'autocannon';

export interface RunSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of load before measuring, discarded. */
  warmup: number;
  /**
   * A number of requests instead of a duration (bench/limit/load.ts only): what `--quick` sends,
   * so that a slow workload still answers a few within a short run.
   */
  amount?: number;
}

export interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx responses, socket errors and timeouts: any of them makes the run invalid. */
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon leaves its in-flight requests to the server when it stops; let them finish. */
async function drain(latest: RunResult): Promise<void> {
  const ms = Math.min(20_000, Math.max(250, (latest.p99 || 1000) * 1.5));
  await new Promise((resolve) => setTimeout(resolve, ms));
}

async function once(spec: RunSpec, duration: number): Promise<RunResult> {
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...spec.headers },
    body: spec.body,
    connections: spec.connections,
    duration,
    // The load generator runs in a worker thread, so it does not share the event loop of
    // the gateway and subgraphs it measures.
    workers: 1,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * Warm-up (discarded), then the measured window. Between them and after, the server is
 * given time to finish the requests autocannon abandoned, so no run pays for the previous
 * one (a 500-row request under load takes seconds).
 */
export async function measure(spec: RunSpec): Promise<RunResult> {
  if (spec.warmup > 0) await drain(await once(spec, spec.warmup));
  const result = await once(spec, spec.duration);
  await drain(result);
  return result;
}
