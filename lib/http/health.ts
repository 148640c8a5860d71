/**
 * `/healthz` (the process is up) and `/readyz` (its dependencies answer) — on every process,
 * so an orchestrator can tell a crashed process from one whose database is down.
 *
 * `/readyz` is unauthenticated, so it reports a state per dependency and never a driver's
 * message (which names hosts, ports, databases and users). The cause of each failure is
 * logged under the `logId` the response carries.
 */
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { onlyMethods } from './errorResponses';
import type { Logger } from '../log';

/**
 * - `ok` — answered;
 * - `unreachable` — no connection (refused, reset, unknown host, closed);
 * - `timeout` — no answer in time;
 * - `not-ready` — answered that it is not ready itself (a subgraph whose database is down);
 * - `error` — answered with a failure (bad credentials, unknown database, invalid policy …).
 */
export type DependencyState = 'ok' | 'unreachable' | 'timeout' | 'not-ready' | 'error';

/**
 * Checks one dependency: resolves (with nothing, or a state) when it answers, throws when it
 * does not; `signal` aborts when the probe's time is up.
 */
export type Probe = (signal: AbortSignal) => Promise<DependencyState | void>;

/** A failure that is already a state, with the cause to log (e.g. an invalid policy file). */
export class DependencyFailure extends Error {
  constructor(readonly state: Exclude<DependencyState, 'ok'>, cause: string) {
    super(cause);
    this.name = 'DependencyFailure';
  }
}

/** A slow dependency must not hold a readiness probe hostage. @default 2000 ms */
export const READINESS_TIMEOUT_MS = 2_000;

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED',
  'PROTOCOL_CONNECTION_LOST', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ERR_SOCKET_CLOSED',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'PROTOCOL_SEQUENCE_TIMEOUT']);

/** The state a failed probe stands for, from the error's name and code (and its causes'). */
export function stateOfFailure(err: unknown): Exclude<DependencyState, 'ok'> {
  const seen = new Set<unknown>();
  const walk = (e: unknown): Exclude<DependencyState, 'ok'> | undefined => {
    if (!e || typeof e !== 'object' || seen.has(e)) return undefined;
    seen.add(e);
    if (e instanceof DependencyFailure) return e.state;
    const { name, code, message } = e as { name?: unknown; code?: unknown; message?: unknown };
    if (name === 'TimeoutError' || name === 'KnexTimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code))) return 'timeout';
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return 'unreachable';
    // Connections lost without a code: pg's "Connection terminated…", PGlite once closed.
    if (typeof message === 'string' && /connection terminated|PGlite is closed|socket hang up|other side closed/i.test(message)) return 'unreachable';
    for (const inner of [(e as { cause?: unknown }).cause, ...((e as { errors?: unknown[] }).errors ?? [])]) {
      const state = walk(inner);
      if (state) return state;
    }
    return undefined;
  };
  return walk(err) ?? 'error';
}

/** Runs `probe` with a deadline; the state it ends in, and the error if it failed. */
async function runProbe(probe: Probe, timeoutMs: number): Promise<{ state: DependencyState; err?: unknown }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`no answer within ${timeoutMs} ms`);
      err.name = 'TimeoutError';
      controller.abort(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    const state = await Promise.race([probe(controller.signal), deadline]);
    return { state: state ?? 'ok' };
  } catch (err) {
    return { state: stateOfFailure(err), err };
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthOptions {
  /** The dependencies to probe, by name; a function, since some are only known after start. */
  dependencies: () => Record<string, Probe>;
  log: Logger;
  /** @default {@link READINESS_TIMEOUT_MS} */
  timeoutMs?: number;
}

export function mountHealth(app: Express, service: string, options: HealthOptions): void {
  const timeoutMs = options.timeoutMs ?? READINESS_TIMEOUT_MS;
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service });
  });
  app.get('/readyz', async (_req, res) => {
    const logId = randomUUID();
    const checks: Record<string, DependencyState> = {};
    let probes: Record<string, Probe>;
    try {
      probes = options.dependencies();
    } catch (err) {
      options.log.error({ logId, err }, 'readiness: the dependencies could not be listed');
      probes = { self: async () => { throw err; } };
    }
    await Promise.all(
      Object.entries(probes).map(async ([name, probe]) => {
        const { state, err } = await runProbe(probe, timeoutMs);
        checks[name] = state;
        if (state !== 'ok') options.log.warn({ logId, dependency: name, state, err }, 'readiness: dependency not ok');
      }),
    );
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', service, checks, ...(ok ? {} : { logId }) });
  });
  const hint = '/healthz and /readyz answer GET.';
  app.all(['/healthz', '/readyz'], onlyMethods(['GET', 'HEAD'], hint));
}
