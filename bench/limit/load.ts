/**
 * The load generator of `npm run bench` (bench/run.ts), in a process of its own (forked), so it never
 * shares a CPU-bound event loop with what it measures. It takes one job at a time over IPC
 * (`LoadJob`): autocannon for `warmup` seconds (discarded), then for `duration` seconds with
 * every response's latency kept, and answers requests/s and p50/p95/p99 computed from those
 * latencies (autocannon's own summary has no p95).
 */
import autocannon from 'autocannon';
import type { RunSpec } from '../measure';

/** One run: what `npm run bench` drives (bench/measure.ts). */
export type LoadJob = RunSpec;

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** Requests sent, those still in flight when the window closed included. */
  sent: number;
  /** Non-2xx responses, socket errors and timeouts: any of them makes the run invalid. */
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** The q-quantile of sorted values (nearest rank). */
const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);

function run(job: LoadJob, seconds: number, latencies?: number[]): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...job.headers },
        body: job.body,
        connections: job.connections,
        ...(job.amount ? { amount: job.amount } : { duration: seconds }),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (latencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

async function measure(job: LoadJob): Promise<LoadResult> {
  if (job.warmup > 0) await run({ ...job, amount: job.amount && Math.max(1, Math.ceil(job.amount / 2)) }, job.warmup);
  const latencies: number[] = [];
  const t0 = performance.now();
  const r = await run(job, job.duration, latencies);
  // Wall time of the window: autocannon's own `duration` is whole seconds, too coarse for a run of a few requests (--quick).
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: r.requests.total / seconds,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    requests: r.requests.total,
    sent: r.requests.sent,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

// Ctrl-C reaches the whole process group: the parent decides when this process ends.
process.on('SIGINT', () => undefined);
process.on('disconnect', () => process.exit(0));

process.on('message', (job: LoadJob) => {
  measure(job).then(
    (result) => process.send!({ result }),
    (err) => process.send!({ error: String(err) }),
  );
});
