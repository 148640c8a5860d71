/**
 * OpenTelemetry traces (README, "Traces"): one trace per client request, from the gateway
 * through each subgraph it calls to each SQL statement, exported over OTLP/HTTP.
 *
 * Off unless configured: a process traces only when `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set (or `OTEL_TRACES_EXPORTER` names an exporter), and not
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`. Off, {@link startTracing} returns
 * nothing and loads nothing — the SDK (about a second to load) and this module's span code
 * (./tracer.ts) are required only when tracing starts — and the servers add no middleware,
 * plugin or listener: a request costs what it cost before.
 *
 * One tracer provider per process (OpenTelemetry's API is process-wide; @apollo/gateway emits
 * its `gateway.*` spans through it): app/ starts it once per process, before the servers are
 * built, and the servers take {@link tracing}() (gateway/server.ts, lib/subgraph/server.ts).
 * Every other OTEL_* variable (sampler, headers, protocol, timeouts, resource attributes,
 * propagators) keeps its standard meaning.
 */
import type { Tracing } from './types';

export type { DataSourceLike, RequestAttributes, Tracing } from './types';

type Env = Record<string, string | undefined>;

/** Whether `env` asks for traces (see the file's comment). */
export function tracingConfigured(env: Env = process.env): boolean {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (exporters[0] === 'none') return false;
  return set('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') || set('OTEL_EXPORTER_OTLP_ENDPOINT') || exporters.length > 0;
}

let active: { tracing: Tracing; holders: number } | undefined;

/**
 * Starts the process's tracing as `service` (`gateway`, `population` …, or `govgraph` for the
 * whole federation in one process), if {@link tracingConfigured}; else returns undefined and
 * loads nothing. Started already (a second stack in one test process), it is shared: every
 * caller releases its share ({@link Tracing.release}), the last one stops it.
 */
export async function startTracing(service: string, env: Env = process.env): Promise<Tracing | undefined> {
  if (active) {
    active.holders += 1;
    return active.tracing;
  }
  if (!tracingConfigured(env)) return undefined;
  // Required here, not imported above: the SDK is loaded only by a process that traces.
  const { ProcessTracing } = require('./tracer') as typeof import('./tracer');
  const tracing = new ProcessTracing(service, env, () => {
    // Whether the caller held the last share; then the process traces no more.
    if (!active || --active.holders > 0) return false;
    active = undefined;
    return true;
  });
  active = { tracing, holders: 1 };
  await tracing.start();
  return tracing;
}

/** The process's tracing, if started: what the servers instrument themselves with. */
export function tracing(): Tracing | undefined {
  return active?.tracing;
}
