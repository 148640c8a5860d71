/**
 * CPU per request: the steadier measure of what a layer costs.
 *
 * Throughput under load on a small shared VM swings ±10% between two runs of the same stack
 * (CPU steal, timers, the other core's database), which drowns a cost of a few percent.
 * CPU time per request does not depend on how busy the machine happens to be: batches of
 * requests go to each stack in turn, many times, and the CPU this process (every thread: the
 * gateway, the subgraphs, GC) and the local database servers spent on each batch is added
 * to that stack's account, garbage collection included. On a CPU-bound server, capacity is
 * inversely proportional to it.
 */
import { post } from './federation';
import { databaseCpuMs } from './procstat';


export interface CpuCost {
  /** Milliseconds of this process's CPU per request. */
  node: number;
  /** Milliseconds of the local database servers' CPU per request (0 when they are not local). */
  db: number;
  requests: number;
}

/** `global.gc` when node runs with --expose-gc (npm run bench does). */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

export interface CostOptions {
  /** Gateway URL per stack. */
  urls: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** Rounds; each sends one batch to every stack, in rotating order. @default 20 */
  rounds?: number;
  /**
   * Requests per batch, sent `concurrency` at a time. @default enough for about half a
   * second (at least 8), so the two forced collections per batch stay a small share of it.
   */
  batch?: number;
  concurrency?: number;
  /** Requests sent to each stack first, not counted (and timed, to size the batch). @default 16 */
  warm?: number;
  /**
   * Whether the local database servers' CPU counts (false when the databases are embedded: they
   * are in this process, and the servers' CPU would be someone else's). @default true
   */
  databases?: boolean;
}

export async function measureCpuCost(opts: CostOptions): Promise<Record<string, CpuCost>> {
  const names = Object.keys(opts.urls);
  const concurrency = opts.concurrency ?? 4;
  const send = (url: string, n: number) =>
    Promise.all(Array.from({ length: concurrency }, async (_, lane) => {
      for (let i = lane; i < n; i += concurrency) await post(url, opts.headers, opts.body);
    }));
  const started = Date.now();
  const warm = Math.max(1, opts.warm ?? 16);
  for (const name of names) await send(opts.urls[name], warm); // warm each stack, and time it
  const perRequestMs = (Date.now() - started) / (warm * names.length);
  const batch = opts.batch ?? Math.min(200, Math.max(8, Math.ceil(500 / perRequestMs)));
  const cost: Record<string, CpuCost> = Object.fromEntries(names.map((n) => [n, { node: 0, db: 0, requests: 0 }]));
  const rounds = opts.rounds ?? 20;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length];
      // All stacks share this process: without a collection at each end, the garbage one
      // stack made would be collected — and paid for — in the next stack's batch.
      collectGarbage?.();
      const cpu0 = process.cpuUsage();
      const db0 = opts.databases === false ? 0 : databaseCpuMs();
      await send(opts.urls[name], batch);
      collectGarbage?.();
      const cpu = process.cpuUsage(cpu0);
      cost[name].node += (cpu.user + cpu.system) / 1000;
      cost[name].db += opts.databases === false ? 0 : databaseCpuMs() - db0;
      cost[name].requests += batch;
    }
  }
  for (const c of Object.values(cost)) {
    c.node /= c.requests;
    c.db /= c.requests;
  }
  return cost;
}
